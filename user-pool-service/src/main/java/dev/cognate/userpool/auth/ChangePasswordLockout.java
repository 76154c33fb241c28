package dev.cognate.userpool.auth;

import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.service.PasswordLockout;
import dev.cognate.userpool.service.SignedInUsers;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * ChangePassword's use of the sign-in lockout ({@link SignInAudit}): a wrong previous password is recorded under the
 * flow {@value #CHANGE_PASSWORD}, with the caller's pool and client and no request address (the service does not see it).
 */
@ApplicationScoped
public class ChangePasswordLockout implements PasswordLockout {

    /** The {@code authFlow} a wrong previous password is recorded under (USER_SIGN_IN_FAILED). */
    static final String CHANGE_PASSWORD = "ChangePassword";

    private final SignInAudit audit;

    public ChangePasswordLockout(SignInAudit audit) {
        this.audit = audit;
    }

    @Override
    public Uni<Void> checkNotLocked(SignedInUsers.SignedIn caller) {
        return audit.checkNotLocked(context(caller), caller.user());
    }

    @Override
    public <T> Uni<T> wrongPassword(SignedInUsers.SignedIn caller) {
        return audit.wrongPassword(context(caller), caller.user());
    }

    @Override
    public Uni<Void> passwordChanged(SqlClient tx, SignedInUsers.SignedIn caller, User saved) {
        return audit.passwordChanged(tx, context(caller), saved);
    }

    private static AuthContext context(SignedInUsers.SignedIn caller) {
        return new AuthContext(caller.pool(), caller.client(), false, CHANGE_PASSWORD, Map.of(), null);
    }
}
