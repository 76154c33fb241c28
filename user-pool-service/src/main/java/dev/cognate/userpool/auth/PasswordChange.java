package dev.cognate.userpool.auth;

import dev.cognate.userpool.password.PasswordHashing;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.service.SignedInUsers;
import dev.cognate.userpool.service.UserPasswords;
import dev.cognate.userpool.service.UserStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ChangePassword: the signed-in user proves the previous password the way a sign-in does — refused while the user is
 * locked out, a wrong one counted towards the lockout and recorded as a failed sign-in ({@code authFlow}
 * ChangePassword) — then the proposed password goes through the password write path ({@link UserPasswords}: policy,
 * history, hash, SRP verifier, event) in one transaction with the lockout reset and a {@code PasswordChange}
 * authentication event. It lives in auth/ because of that proof; the write itself is service/'s.
 */
@ApplicationScoped
public class PasswordChange {

    /** The {@code authFlow} a wrong previous password is recorded under (USER_SIGN_IN_FAILED). */
    static final String CHANGE_PASSWORD = "ChangePassword";

    private final Pool db;
    private final SignedInUsers signedIn;
    private final UserRepository users;
    private final PasswordHashing hashing;
    private final UserPasswords passwords;
    private final SignInAudit audit;

    public PasswordChange(Pool db, SignedInUsers signedIn, UserRepository users, PasswordHashing hashing, UserPasswords passwords,
                          SignInAudit audit) {
        this.db = db;
        this.signedIn = signedIn;
        this.users = users;
        this.hashing = hashing;
        this.passwords = passwords;
        this.audit = audit;
    }

    public Uni<Void> changePassword(String accessToken, String previousPassword, String proposedPassword) {
        return signedIn.verify(accessToken)
                .chain(token -> signedIn.require(db, token, false))
                .call(caller -> {
                    AuthContext context = context(caller);
                    return audit.checkNotLocked(context, caller.user())
                            .chain(() -> hashing.verify(previousPassword, caller.user().passwordHash()))
                            .chain(right -> right ? Uni.createFrom().voidItem() : audit.wrongPassword(context, caller.user()));
                })
                .chain(caller -> passwords.prepare(db, caller.pool(), Uni.createFrom().item(Optional.of(caller.user())), proposedPassword,
                                UserPasswords.Reason.CHANGE)
                        .chain(newPassword -> db.withTransaction(tx -> users.findBySub(tx, caller.pool().id(), caller.user().sub(), true)
                                .map(found -> found.orElseThrow(UserStore::userNotFound))
                                .chain(user -> passwords.set(tx, caller.pool(), user, newPassword, UserPasswords.Reason.CHANGE, List.of()))
                                .call(saved -> audit.passwordChanged(tx, context(caller), saved)))))
                .replaceWithVoid();
    }

    /** The audit context of a ChangePassword: the caller's pool and client, no request address (the action does not pass it). */
    private static AuthContext context(SignedInUsers.SignedIn caller) {
        return new AuthContext(caller.pool(), caller.client(), false, CHANGE_PASSWORD, Map.of(), null);
    }
}
