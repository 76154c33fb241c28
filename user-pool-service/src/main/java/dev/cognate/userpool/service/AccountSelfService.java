package dev.cognate.userpool.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cognate.events.EventType;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.auth.AuthContext;
import dev.cognate.userpool.auth.SignInAudit;
import dev.cognate.userpool.auth.SrpVerifierStore;
import dev.cognate.userpool.domain.MfaPreferenceUpdate;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.password.PasswordHashing;
import dev.cognate.userpool.password.PasswordPolicy;
import dev.cognate.userpool.repository.UserRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A signed-in user's own account: ChangePassword, DeleteUser, SetUserSettings and SetUserMFAPreference. Each change and
 * its event commit in one transaction; password hashing and verification run before it, off the event loop.
 */
@ApplicationScoped
public class AccountSelfService {

    /** The {@code authFlow} a wrong previous password is recorded under (USER_SIGN_IN_FAILED). */
    static final String CHANGE_PASSWORD = "ChangePassword";

    private final Pool db;
    private final SignedInUsers signedIn;
    private final UserRepository users;
    private final UserStore store;
    private final PasswordHashing hashing;
    private final PasswordHistory history;
    private final SrpVerifierStore srpVerifiers;
    private final SignInAudit audit;
    private final Clock clock;

    public AccountSelfService(Pool db, SignedInUsers signedIn, UserRepository users, UserStore store, PasswordHashing hashing,
                              PasswordHistory history, SrpVerifierStore srpVerifiers, SignInAudit audit, Clock clock) {
        this.db = db;
        this.signedIn = signedIn;
        this.users = users;
        this.store = store;
        this.hashing = hashing;
        this.history = history;
        this.srpVerifiers = srpVerifiers;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * ChangePassword: the previous password verified (a wrong one counts towards the sign-in lockout), the proposed one
     * checked against the pool's policy and password history, then set with its SRP verifier.
     */
    public Uni<Void> changePassword(String accessToken, String previousPassword, String proposedPassword) {
        return signedIn.verify(accessToken)
                .chain(token -> signedIn.require(db, token, false))
                .call(caller -> {
                    AuthContext context = changePasswordContext(caller);
                    return audit.checkNotLocked(context, caller.user())
                            .chain(() -> hashing.verify(previousPassword, caller.user().passwordHash()))
                            .chain(right -> right ? Uni.createFrom().voidItem() : audit.wrongPassword(context, caller.user()));
                })
                .call(caller -> {
                    PasswordPolicy.of(caller.pool().settings()).check(proposedPassword);
                    return history.checkNotReused(db, caller.pool(), caller.user(), proposedPassword);
                })
                .chain(caller -> hashing.hash(proposedPassword).chain(hash -> db.withTransaction(tx ->
                        users.findBySub(tx, caller.pool().id(), caller.user().sub(), true)
                                .map(found -> found.orElseThrow(UserStore::userNotFound))
                                .chain(user -> store.save(tx, caller.pool(), user.withPassword(hash, UserStatus.CONFIRMED, null, now()),
                                        UserPoolEvents.USER_PASSWORD_SET, List.of()))
                                .call(saved -> srpVerifiers.save(tx, caller.pool(), saved, proposedPassword))
                                .call(saved -> history.record(tx, caller.pool(), saved))
                                .call(saved -> audit.passwordChanged(tx, changePasswordContext(caller), saved)))))
                .replaceWithVoid();
    }

    /** The audit context of a ChangePassword: the caller's pool and client, no request address (the service does not see it). */
    private static AuthContext changePasswordContext(SignedInUsers.SignedIn caller) {
        return new AuthContext(caller.pool(), caller.client(), false, CHANGE_PASSWORD, Map.of(), null);
    }

    /** DeleteUser: the user goes (as AdminDeleteUser, with its tokens, codes and memberships); its access tokens stop working. */
    public Uni<Void> deleteUser(String accessToken) {
        return signedIn.verify(accessToken).chain(token -> db.withTransaction(tx -> signedIn.require(tx, token, true)
                .call(caller -> users.delete(tx, caller.pool().id(), caller.user().sub()))
                .call(caller -> UserStore.publish(tx, caller.user(), UserPoolEvents.USER_DELETED, List.of()))
                .replaceWithVoid()));
    }

    /** SetUserSettings: the user's legacy {@code MFAOptions}, as AdminSetUserSettings stores them. */
    public Uni<Void> setUserSettings(String accessToken, ArrayNode mfaOptions) {
        return change(accessToken, UserPoolEvents.USER_MFA_UPDATED,
                user -> user.withMfa(mfaOptions, user.mfaPreference(), now()));
    }

    /** SetUserMFAPreference: as AdminSetUserMFAPreference ({@link MfaPreferenceUpdate}). */
    public Uni<Void> setUserMfaPreference(String accessToken, MfaPreferenceUpdate update) {
        return change(accessToken, UserPoolEvents.USER_MFA_UPDATED,
                user -> user.withMfa(user.mfaOptions(), update.applyTo(user.mfaPreference()), now()));
    }

    private Uni<Void> change(String accessToken, EventType<UserPoolEvents.UserChanged> type, UnaryOperator<User> change) {
        return signedIn.verify(accessToken).chain(token -> db.withTransaction(tx -> signedIn.require(tx, token, true)
                .chain(caller -> store.save(tx, caller.pool(), change.apply(caller.user()), type, List.of()))
                .replaceWithVoid()));
    }

    /** Now, at the millisecond precision rows are written with. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
