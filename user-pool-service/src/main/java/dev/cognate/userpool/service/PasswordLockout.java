package dev.cognate.userpool.service;

import dev.cognate.userpool.domain.User;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The sign-in lockout and its audit, as ChangePassword uses them: the previous password is a password check like a
 * sign-in's, counted by the same lockout. auth/ owns the lockout and implements this, so that service/ never imports
 * auth/ (auth/ may use service/, not both ways).
 */
public interface PasswordLockout {

    /** Fails with "Password attempts exceeded" (recorded) while the caller is locked. */
    Uni<Void> checkNotLocked(SignedInUsers.SignedIn caller);

    /** A wrong previous password: counted, recorded; fails with "Incorrect username or password.". */
    <T> Uni<T> wrongPassword(SignedInUsers.SignedIn caller);

    /** In {@code tx}: the counter starts again and a {@code PasswordChange} authentication event says {@code Pass}. */
    Uni<Void> passwordChanged(SqlClient tx, SignedInUsers.SignedIn caller, User saved);
}
