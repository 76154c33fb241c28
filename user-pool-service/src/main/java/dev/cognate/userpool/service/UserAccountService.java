package dev.cognate.userpool.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.EventType;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.password.SrpVerifierStore;
import dev.cognate.userpool.domain.AccountRecovery;
import dev.cognate.userpool.domain.CodePurpose;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.password.PasswordHashing;
import dev.cognate.userpool.password.PasswordPolicy;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * An administrator's actions on a user's account: passwords, confirmation, and MFA settings. Each
 * change and its event commit in one transaction.
 */
@ApplicationScoped
public class UserAccountService {

    private final Pool db;
    private final UserPoolRepository pools;
    private final UserStore store;
    private final PasswordHashing hashing;
    private final VerificationCodes codes;
    private final SrpVerifierStore srpVerifiers;
    private final PasswordHistory history;

    public UserAccountService(Pool db, UserPoolRepository pools, UserStore store, PasswordHashing hashing, VerificationCodes codes,
                              SrpVerifierStore srpVerifiers, PasswordHistory history) {
        this.history = history;
        this.srpVerifiers = srpVerifiers;
        this.db = db;
        this.pools = pools;
        this.store = store;
        this.hashing = hashing;
        this.codes = codes;
    }

    /** AdminSetUserPassword: permanent → CONFIRMED; temporary → FORCE_CHANGE_PASSWORD until the policy's validity ends. */
    public Uni<Void> adminSetUserPassword(String poolId, String username, String password, boolean permanent) {
        return pools.require(db, poolId).chain(pool -> {
            PasswordPolicy policy = PasswordPolicy.of(pool.settings());
            policy.check(password);
            return store.require(db, pool, username, false)
                    .chain(current -> history.checkNotReused(db, pool, current, password))
                    .chain(() -> hashing.hash(password))
                    .chain(hash -> db.withTransaction(tx -> store.require(tx, pool, username, true)
                    .chain(user -> {
                        Instant now = UserService.now();
                        User changed = permanent
                                ? user.withPassword(hash, UserStatus.CONFIRMED, null, now)
                                : user.withPassword(hash, UserStatus.FORCE_CHANGE_PASSWORD,
                                now.plus(Duration.ofDays(policy.temporaryPasswordValidityDays())), now);
                        return store.save(tx, pool, changed, UserPoolEvents.USER_PASSWORD_SET, List.of());
                    })
                    .call(saved -> srpVerifiers.save(tx, pool, saved, password))
                    .call(saved -> history.record(tx, pool, saved))
                    .replaceWithVoid()));
        });
    }

    /**
     * AdminResetUserPassword: the password stops working (RESET_REQUIRED) and a reset code goes to the user's verified
     * email or phone number — by the pool's {@code AccountRecoverySetting}, else (also in {@code admin_only} pools)
     * Cognito's legacy order, phone number first — for ConfirmForgotPassword. Cognito requires one of them verified.
     */
    public Uni<Void> adminResetUserPassword(String poolId, String username) {
        return pools.require(db, poolId).chain(pool -> db.withTransaction(tx -> store.require(tx, pool, username, true).chain(user -> {
            String attribute = AccountRecovery.of(pool.settings()).destinationOf(user)
                    .or(() -> AccountRecovery.LEGACY.destinationOf(user))
                    .orElseThrow(() -> CognitoException.invalidParameter(
                            "Cannot reset password for the user as there is no registered/verified email or phone_number"));
            return store.save(tx, pool, user.withStatus(UserStatus.RESET_REQUIRED, UserService.now()), UserPoolEvents.USER_PASSWORD_RESET, List.of())
                    .chain(reset -> codes.send(tx, pool, reset, CodePurpose.PASSWORD_RESET, attribute));
        }))).replaceWithVoid();
    }

    /** AdminConfirmSignUp: UNCONFIRMED → CONFIRMED; any other status is refused as Cognito does. */
    public Uni<Void> adminConfirmSignUp(String poolId, String username) {
        return pools.require(db, poolId).chain(pool -> change(pool, username, UserPoolEvents.USER_CONFIRMED, user -> {
            if (user.status() != UserStatus.UNCONFIRMED) {
                throw new CognitoException("NotAuthorizedException", "User cannot be confirmed. Current status is " + user.status().name());
            }
            return user.withStatus(UserStatus.CONFIRMED, UserService.now());
        }));
    }

    /** AdminSetUserSettings (legacy SMS MFA options) and AdminSetUserMFAPreference: the user's MFA choices, stored. */
    public Uni<Void> setMfa(String poolId, String username, Function<User, ArrayNode> options, Function<User, ObjectNode> preference) {
        return pools.require(db, poolId).chain(pool -> change(pool, username, UserPoolEvents.USER_MFA_UPDATED,
                user -> user.withMfa(options.apply(user), preference.apply(user), UserService.now())));
    }

    private Uni<Void> change(UserPool pool, String username, EventType<UserPoolEvents.UserChanged> type,
                             Function<User, User> change) {
        return db.withTransaction(tx -> store.require(tx, pool, username, true)
                .chain(user -> store.save(tx, pool, change.apply(user), type, List.of()))
                .replaceWithVoid());
    }
}
