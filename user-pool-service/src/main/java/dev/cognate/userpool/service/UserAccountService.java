package dev.cognate.userpool.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.EventType;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.AccountRecovery;
import dev.cognate.userpool.domain.CodePurpose;
import dev.cognate.userpool.domain.MfaPreferenceUpdate;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.mfa.SoftwareTokens;
import dev.cognate.userpool.repository.UserPoolRepository;
import dev.cognate.userpool.trigger.TriggerCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final VerificationCodes codes;
    private final UserPasswords passwords;
    private final UserConfirmation confirmation;
    private final SoftwareTokens softwareTokens;
    private final Clock clock;

    public UserAccountService(Pool db, UserPoolRepository pools, UserStore store, VerificationCodes codes, UserPasswords passwords,
                              UserConfirmation confirmation, SoftwareTokens softwareTokens, Clock clock) {
        this.softwareTokens = softwareTokens;
        this.db = db;
        this.pools = pools;
        this.store = store;
        this.codes = codes;
        this.passwords = passwords;
        this.confirmation = confirmation;
        this.clock = clock;
    }

    /** AdminSetUserPassword: permanent → CONFIRMED; temporary → FORCE_CHANGE_PASSWORD until the policy's validity ends. */
    public Uni<Void> adminSetUserPassword(String poolId, String username, String password, boolean permanent) {
        UserPasswords.Reason reason = permanent ? UserPasswords.Reason.ADMIN_SET_PERMANENT : UserPasswords.Reason.ADMIN_SET_TEMPORARY;
        return pools.require(db, poolId).chain(pool -> passwords.prepare(db, pool, store.require(db, pool, username, false).map(Optional::of),
                        password, reason)
                .chain(newPassword -> db.withTransaction(tx -> store.require(tx, pool, username, true)
                        .chain(user -> passwords.set(tx, pool, user, newPassword, reason, List.of()))))
                .replaceWithVoid());
    }

    /**
     * AdminResetUserPassword: the password stops working (RESET_REQUIRED) and a reset code goes to the user's verified
     * email or phone number — by the pool's {@code AccountRecoverySetting}, else (also in {@code admin_only} pools)
     * Cognito's legacy order, phone number first — for ConfirmForgotPassword. Cognito requires one of them verified.
     */
    public Uni<Void> adminResetUserPassword(String poolId, String username) {
        return pools.require(db, poolId).chain(pool -> db.withTransaction(tx -> store.require(tx, pool, username, true).chain(user -> {
            UserPasswords.refuseResetOfExternalProvider(user);
            String attribute = AccountRecovery.of(pool.settings()).destinationOf(user)
                    .or(() -> AccountRecovery.LEGACY.destinationOf(user))
                    .orElseThrow(() -> CognitoException.invalidParameter(
                            "Cannot reset password for the user as there is no registered/verified email or phone_number"));
            return passwords.requireReset(tx, pool, user).chain(reset -> codes.send(tx, pool, reset, CodePurpose.PASSWORD_RESET, attribute, TriggerCaller.ADMIN));
        }))).replaceWithVoid();
    }

    /**
     * AdminConfirmSignUp: UNCONFIRMED → CONFIRMED; any other status is refused as Cognito does. PostConfirmation gets
     * {@code PostConfirmation_ConfirmSignUp}, no app client, and the request's {@code clientMetadata} (may be null).
     */
    public Uni<Void> adminConfirmSignUp(String poolId, String username, Map<String, String> clientMetadata) {
        return pools.require(db, poolId).chain(pool -> db.withTransaction(tx -> store.require(tx, pool, username, true)
                        .chain(user -> confirmation.confirm(tx, pool, user, null, false, new TriggerCaller(null, null, clientMetadata)))))
                .chain(confirmation::afterCommit);
    }

    /** AdminSetUserSettings (legacy SMS MFA options): the user's MFA choices, stored. */
    public Uni<Void> setMfa(String poolId, String username, Function<User, ArrayNode> options, Function<User, ObjectNode> preference) {
        return pools.require(db, poolId).chain(pool -> change(pool, username, UserPoolEvents.USER_MFA_UPDATED,
                user -> user.withMfa(options.apply(user), preference.apply(user), clock.instant().truncatedTo(ChronoUnit.MILLIS))));
    }

    /** AdminSetUserMFAPreference: the user's enabled and preferred methods ({@link MfaPreferenceUpdate}; TOTP only once verified). */
    public Uni<Void> setMfaPreference(String poolId, String username, MfaPreferenceUpdate update) {
        return pools.require(db, poolId).chain(pool -> db.withTransaction(tx -> store.require(tx, pool, username, true)
                .invoke(update::requireDeliveryFor)
                .call(user -> softwareTokens.requireVerifiedFor(tx, user, update))
                .chain(user -> store.save(tx, pool, user.withMfa(user.mfaOptions(), update.applyTo(user.mfaPreference()),
                        clock.instant().truncatedTo(ChronoUnit.MILLIS)), UserPoolEvents.USER_MFA_UPDATED, List.of()))
                .replaceWithVoid()));
    }

    private Uni<Void> change(UserPool pool, String username, EventType<UserPoolEvents.UserChanged> type,
                             Function<User, User> change) {
        return db.withTransaction(tx -> store.require(tx, pool, username, true)
                .chain(user -> store.save(tx, pool, change.apply(user), type, List.of()))
                .replaceWithVoid());
    }
}
