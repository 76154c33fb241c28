package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.AccountRecovery;
import dev.cognate.userpool.domain.AuthEvent;
import dev.cognate.userpool.domain.CodeDeliveryDetails;
import dev.cognate.userpool.domain.CodePurpose;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.repository.AuthEventRepository;
import dev.cognate.userpool.service.ClientAuthenticator.AuthenticatedClient;
import dev.cognate.userpool.trigger.PostEventTriggers;
import dev.cognate.userpool.trigger.TriggerCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Self-service password recovery: ForgotPassword sends a reset code (valid one hour) to the user's verified email or
 * phone number chosen by the pool's {@code AccountRecoverySetting}; ConfirmForgotPassword sets a new password with it.
 * AdminResetUserPassword sends its code the same way ({@link UserAccountService}).
 */
@ApplicationScoped
public class PasswordRecoveryService {

    private final Pool db;
    private final ClientAuthenticator clients;
    private final UserStore store;
    private final VerificationCodes codes;
    private final UserPasswords passwords;
    private final AuthEventRepository authEvents;
    private final UserMigration migration;
    private final Clock clock;
    private final PostEventTriggers postEvents;

    public PasswordRecoveryService(Pool db, ClientAuthenticator clients, UserStore store, VerificationCodes codes, UserPasswords passwords,
                                   AuthEventRepository authEvents, UserMigration migration, Clock clock, PostEventTriggers postEvents) {
        this.migration = migration;
        this.authEvents = authEvents;
        this.db = db;
        this.clients = clients;
        this.store = store;
        this.codes = codes;
        this.passwords = passwords;
        this.clock = clock;
        this.postEvents = postEvents;
    }

    /** ForgotPassword of the JSON API: the client proves itself with SECRET_HASH first. */
    public Uni<CodeDeliveryDetails> forgotPassword(String clientId, String secretHash, String username) {
        return forgotPassword(clientId, secretHash, username, null);
    }

    /** As {@link #forgotPassword(String, String, String)}, with the request's {@code ClientMetadata} for its triggers. */
    public Uni<CodeDeliveryDetails> forgotPassword(String clientId, String secretHash, String username, Map<String, String> clientMetadata) {
        return clients.authenticate(null, clientId, username, secretHash)
                .chain(authenticated -> forgotPassword(authenticated, username, clientMetadata));
    }

    /** ForgotPassword for a client already authenticated (or trusted: the hosted login pages). */
    public Uni<CodeDeliveryDetails> forgotPassword(AuthenticatedClient authenticated, String username) {
        return forgotPassword(authenticated, username, null);
    }

    /**
     * ForgotPassword: a reset code to the user's recovery destination. A name the pool does not know goes to the pool's
     * UserMigration trigger first ({@code UserMigration_ForgotPassword}): the user it describes is created and sent the
     * code in one transaction.
     */
    public Uni<CodeDeliveryDetails> forgotPassword(AuthenticatedClient authenticated, String username, Map<String, String> clientMetadata) {
        UserPool pool = authenticated.pool();
        TriggerCaller caller = new TriggerCaller(authenticated.client().clientId(), null, clientMetadata);
        return Uni.createFrom().deferred(() -> {
            AccountRecovery recovery = AccountRecovery.of(pool.settings());
            Uni<Optional<CodeDeliveryDetails>> migrated = !UserMigration.migrates(pool) ? Uni.createFrom().item(Optional.empty())
                    : store.find(db, pool, username, false).chain(found -> found.isPresent() ? Uni.createFrom().item(Optional.empty())
                    : migration.atForgotPassword(pool, caller, username, (tx, user) -> sendResetCode(tx, pool, user, recovery, caller)));
            return migrated.chain(sent -> sent.isPresent() ? Uni.createFrom().item(sent.get())
                    : db.withTransaction(tx -> store.find(tx, pool, username, true).chain(found -> {
                if (found.isEmpty()) {
                    recovery.checkSelfService();
                    if (!authenticated.client().preventsUserExistenceErrors()) {
                        throw UserStore.userNotFoundForClient();
                    }
                    return Uni.createFrom().item(codes.simulated(pool.id(), username, recovery.attributes()));
                }
                return sendResetCode(tx, pool, found.get(), recovery, caller);
            })));
        });
    }

    private Uni<CodeDeliveryDetails> sendResetCode(SqlClient tx, UserPool pool, User found, AccountRecovery recovery, TriggerCaller caller) {
        User user = requireEnabled(found);
        UserPasswords.refuseResetOfExternalProvider(user);
        return codes.send(tx, pool, user, CodePurpose.PASSWORD_RESET, recovery.requireDestinationOf(user), caller);
    }

    /** ConfirmForgotPassword of the JSON API: the client proves itself with SECRET_HASH first. */
    public Uni<Void> confirmForgotPassword(String clientId, String secretHash, String username, String code, String password,
                                           String sourceIp, Map<String, String> clientMetadata) {
        return clients.authenticate(null, clientId, username, secretHash)
                .chain(authenticated -> confirmForgotPassword(authenticated, username, code, password, sourceIp, clientMetadata));
    }

    /** ConfirmForgotPassword of the hosted pages: no client metadata. */
    public Uni<Void> confirmForgotPassword(AuthenticatedClient authenticated, String username, String code, String password,
                                           String sourceIp) {
        return confirmForgotPassword(authenticated, username, code, password, sourceIp, null);
    }

    /**
     * ConfirmForgotPassword: the reset code and a new password (the pool's policy) → the password is set (a
     * {@code ForgotPassword} authentication event with the caller's address, {@code null} when unknown).
     */
    public Uni<Void> confirmForgotPassword(AuthenticatedClient authenticated, String username, String code, String password,
                                           String sourceIp, Map<String, String> clientMetadata) {
        UserPool pool = authenticated.pool();
        String clientId = authenticated.client().clientId();
        TriggerCaller caller = new TriggerCaller(clientId, null, clientMetadata);
        // PostConfirmation_ConfirmForgotPassword: durable in the transaction's outbox, or this call once it committed.
        AtomicReference<PostEventTriggers.Pending> postConfirmation = new AtomicReference<>(PostEventTriggers.Pending.NONE);
        return Uni.createFrom().deferred(() -> passwords.prepare(db, pool, store.find(db, pool, username, false), password,
                        UserPasswords.Reason.FORGOT_PASSWORD)
                .chain(newPassword -> db.withTransaction(tx -> store.find(tx, pool, username, true).chain(found -> {
                    User user = requireEnabled(found.orElseThrow(() -> SignUpService.unknownUserWithCode(authenticated.client())));
                    return codes.check(tx, user, CodePurpose.PASSWORD_RESET, code)
                            .call(check -> check.matched()
                                    ? passwords.set(tx, pool, user, newPassword, UserPasswords.Reason.FORGOT_PASSWORD, List.of())
                                    .call(saved -> authEvents.insert(tx, AuthEvent.at(clock.instant(), pool.id(), saved.sub(), AuthEvent.FORGOT_PASSWORD, true,
                                            null, null, clientId, null, sourceIp)))
                                    .call(saved -> postEvents.confirmed(tx, pool, saved, PostEventTriggers.CONFIRM_FORGOT_PASSWORD, caller)
                                            .invoke(postConfirmation::set))
                                    : Uni.createFrom().voidItem());
                }))))
                .invoke(check -> SignUpService.throwIfFailed(check.outcome()))
                .chain(() -> postEvents.runSynchronously(postConfirmation.get()));
    }

    private static User requireEnabled(User user) {
        if (!user.enabled()) {
            throw new CognitoException("NotAuthorizedException", "User is disabled.");
        }
        return user;
    }
}
