package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.AuthEvent;
import dev.cognate.userpool.domain.AutoVerification;
import dev.cognate.userpool.domain.CodeDeliveryDetails;
import dev.cognate.userpool.domain.CodePurpose;
import dev.cognate.userpool.domain.NewUser;
import dev.cognate.userpool.domain.SignInPolicy;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.domain.VerificationCode;
import dev.cognate.userpool.repository.AuthEventRepository;
import dev.cognate.userpool.service.ClientAuthenticator.AuthenticatedClient;
import dev.cognate.userpool.trigger.PostEventTriggers;
import dev.cognate.userpool.trigger.TriggerCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Self-service sign-up: SignUp (an UNCONFIRMED user with a password, and a confirmation code to the first of the
 * pool's {@code AutoVerifiedAttributes} the user has), ConfirmSignUp and ResendConfirmationCode. The client is
 * checked first ({@link ClientAuthenticator}: SECRET_HASH for the JSON API; the hosted login pages pass a client they
 * resolved with {@link ClientAuthenticator#forHostedLogin}); passwords are hashed before the transaction starts; a wrong code is
 * counted in a transaction that commits before the error is answered.
 */
@ApplicationScoped
public class SignUpService {

    /** The CustomMessage trigger source of a resent confirmation code (the code is still SIGN_UP's). */
    static final String RESEND_TRIGGER = "CustomMessage_ResendCode";

    /** The new user and where its confirmation code went ({@code null}: the pool sends none). */
    public record SignedUp(User user, CodeDeliveryDetails delivery) {
    }

    private final Pool db;
    private final ClientAuthenticator clients;
    private final UserStore store;
    private final VerificationCodes codes;
    private final AuthEventRepository authEvents;
    private final UserPasswords passwords;
    private final UserCreation creation;
    private final UserConfirmation confirmation;
    private final Clock clock;

    public SignUpService(Pool db, ClientAuthenticator clients, UserStore store, VerificationCodes codes, AuthEventRepository authEvents,
                         UserPasswords passwords, UserCreation creation, UserConfirmation confirmation, Clock clock) {
        this.authEvents = authEvents;
        this.db = db;
        this.clients = clients;
        this.store = store;
        this.codes = codes;
        this.passwords = passwords;
        this.creation = creation;
        this.confirmation = confirmation;
        this.clock = clock;
    }

    /**
     * SignUp of the JSON API: the client proves itself with SECRET_HASH first; {@code validationData} and
     * {@code clientMetadata} (either may be null) go to the PreSignUp trigger.
     */
    public Uni<SignedUp> signUp(String clientId, String secretHash, String username, String password, Map<String, String> attributes,
                                Map<String, String> validationData, Map<String, String> clientMetadata, String sourceIp) {
        return clients.authenticate(null, clientId, username, secretHash)
                .chain(authenticated -> signUp(authenticated, username, password, attributes,
                        new TriggerCaller(clientId, validationData, clientMetadata), sourceIp));
    }

    /** SignUp of the hosted sign-up page: no validation data or client metadata. */
    public Uni<SignedUp> signUp(AuthenticatedClient authenticated, String username, String password, Map<String, String> attributes,
                                String sourceIp) {
        return signUp(authenticated, username, password, attributes, new TriggerCaller(authenticated.client().clientId(), null, null), sourceIp);
    }

    /**
     * SignUp for a client already authenticated (or trusted: the hosted login pages); a {@code SignUp} authentication
     * event is recorded with the user. {@code password} null: a password-less user, as Cognito creates one when the pool
     * allows sign-in with EMAIL_OTP or SMS_OTP (it then has no hash, no SRP verifier and no history, and the PASSWORD
     * factors are not offered to it); in other pools a missing password is refused as too short.
     */
    public Uni<SignedUp> signUp(AuthenticatedClient authenticated, String username, String password, Map<String, String> attributes,
                                TriggerCaller caller, String sourceIp) {
        return Uni.createFrom().deferred(() -> {
            UserPool pool = authenticated.pool();
            if (pool.config().adminCreateUserOnly()) {
                throw new CognitoException("NotAuthorizedException", "SignUp is not permitted for this user pool");
            }
            authenticated.client().checkWritable(attributes.keySet());
            Uni<NewPassword> prepared = password == null && SignInPolicy.of(pool.settings()).allowsPasswordless()
                    ? Uni.createFrom().nullItem()
                    // without a password-less factor, a missing password is one too short for the policy
                    : passwords.prepare(pool, password == null ? "" : password, UserPasswords.Reason.SIGN_UP);
            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
            User draft = NewUser.of(pool, username, attributes, UserStatus.UNCONFIRMED, null, now);
            // A user the PreSignUp trigger confirmed gets PostConfirmation at sign-up, as in Cognito; synchronous, after the commit.
            AtomicReference<PostEventTriggers.Pending> postConfirmation = new AtomicReference<>(PostEventTriggers.Pending.NONE);
            return prepared.chain(newPassword -> creation.beforeTransaction(pool, draft, UserCreation.Source.SIGN_UP, caller)
                    .chain(decided -> db.withTransaction(tx ->
                    creation.create(tx, pool, decided, newPassword, UserCreation.Source.SIGN_UP, false)
                            .call(user -> passed(tx, user, AuthEvent.SIGN_UP, authenticated, sourceIp))
                            .call(user -> user.status() == UserStatus.CONFIRMED
                                    ? confirmation.confirmedAtSignUp(tx, pool, user, caller).invoke(postConfirmation::set)
                                    : Uni.createFrom().voidItem())
                            .chain(user -> sendConfirmation(tx, pool, user, caller).map(delivery -> new SignedUp(user, delivery))))))
                    .call(() -> confirmation.afterCommit(postConfirmation.get()));
        }).onFailure(SignUpService::isDuplicateUsername)
                .transform(failure -> new CognitoException("UsernameExistsException", "User already exists"));
    }

    /** ConfirmSignUp of the JSON API: the client proves itself with SECRET_HASH first; {@code clientMetadata} (may be null) goes to PostConfirmation. */
    public Uni<Void> confirmSignUp(String clientId, String secretHash, String username, String code, boolean forceAliasCreation,
                                   Map<String, String> clientMetadata) {
        return clients.authenticate(null, clientId, username, secretHash)
                .chain(authenticated -> confirmSignUp(authenticated, username, code, forceAliasCreation, clientMetadata));
    }

    /** ConfirmSignUp of the hosted pages: no client metadata. */
    public Uni<Void> confirmSignUp(AuthenticatedClient authenticated, String username, String code, boolean forceAliasCreation) {
        return confirmSignUp(authenticated, username, code, forceAliasCreation, null);
    }

    /**
     * ConfirmSignUp: the code → CONFIRMED, and the attribute the code was sent to becomes verified; then a synchronous
     * PostConfirmation, once committed.
     */
    public Uni<Void> confirmSignUp(AuthenticatedClient authenticated, String username, String code, boolean forceAliasCreation,
                                   Map<String, String> clientMetadata) {
        TriggerCaller caller = new TriggerCaller(authenticated.client().clientId(), null, clientMetadata);
        // The synchronous PostConfirmation the transaction leaves, called once it committed.
        AtomicReference<PostEventTriggers.Pending> postConfirmation = new AtomicReference<>(PostEventTriggers.Pending.NONE);
        return db.withTransaction(tx ->
                        store.find(tx, authenticated.pool(), username, true).chain(found -> {
                            User user = found.orElseThrow(() -> unknownUserWithCode(authenticated.client()));
                            UserConfirmation.requireUnconfirmed(user);
                            return codes.check(tx, user, CodePurpose.SIGN_UP, code).call(check -> check.matched()
                                    ? confirmation.confirm(tx, authenticated.pool(), user, check.attributeName(), forceAliasCreation, caller)
                                    .invoke(postConfirmation::set)
                                    : Uni.createFrom().voidItem());
                        }))
                .invoke(check -> throwIfFailed(check.outcome()))
                .chain(() -> confirmation.afterCommit(postConfirmation.get()));
    }

    /** ResendConfirmationCode of the JSON API: the client proves itself with SECRET_HASH first. */
    public Uni<CodeDeliveryDetails> resendConfirmationCode(String clientId, String secretHash, String username,
                                                          Map<String, String> clientMetadata, String sourceIp) {
        return clients.authenticate(null, clientId, username, secretHash)
                .chain(authenticated -> resendConfirmationCode(authenticated, username, clientMetadata, sourceIp));
    }

    /**
     * ResendConfirmationCode: a new code (the previous one stops working) to the same kind of destination; a
     * {@code ResendCode} authentication event is recorded when a code went to an existing user.
     */
    public Uni<CodeDeliveryDetails> resendConfirmationCode(AuthenticatedClient authenticated, String username, String sourceIp) {
        return resendConfirmationCode(authenticated, username, null, sourceIp);
    }

    /** As above, with the request's {@code ClientMetadata} for the CustomMessage trigger ({@code CustomMessage_ResendCode}). */
    public Uni<CodeDeliveryDetails> resendConfirmationCode(AuthenticatedClient authenticated, String username, Map<String, String> clientMetadata,
                                                          String sourceIp) {
        return Uni.createFrom().deferred(() -> {
            UserPool pool = authenticated.pool();
            AutoVerification autoVerification = AutoVerification.of(pool.settings());
            if (!autoVerification.enabled()) {
                throw CognitoException.invalidParameter("Cannot resend codes. Auto verification not turned on.");
            }
            return db.withTransaction(tx -> store.find(tx, pool, username, true).chain(found -> {
                if (found.isEmpty()) {
                    if (!authenticated.client().preventsUserExistenceErrors()) {
                        throw UserStore.userNotFoundForClient();
                    }
                    return Uni.createFrom().item(codes.simulated(pool.id(), username, autoVerification.attributes()));
                }
                User user = found.get();
                if (user.status() != UserStatus.UNCONFIRMED) {
                    throw CognitoException.invalidParameter("User is already confirmed.");
                }
                String attribute = autoVerification.destinationOf(user).orElseThrow(() -> CognitoException.invalidParameter(
                        "Cannot resend codes: the user has no " + String.join(" or ", autoVerification.attributes()) + " to send them to."));
                return codes.send(tx, pool, user, CodePurpose.SIGN_UP, attribute, user.attribute(attribute), RESEND_TRIGGER,
                                new TriggerCaller(authenticated.client().clientId(), null, clientMetadata))
                        .call(() -> passed(tx, user, AuthEvent.RESEND_CODE, authenticated, sourceIp));
            }));
        });
    }

    /** A passed authentication event of a self-service step (no password checked, no auth flow). */
    private Uni<Void> passed(SqlClient tx, User user, String eventType, AuthenticatedClient authenticated, String sourceIp) {
        return authEvents.insert(tx, AuthEvent.at(clock.instant(), user.userPoolId(), user.sub(), eventType, true, null, null,
                authenticated.client().clientId(), null, sourceIp));
    }

    /** The confirmation code, unless the PreSignUp trigger confirmed the user already (Cognito then sends none). */
    private Uni<CodeDeliveryDetails> sendConfirmation(SqlClient tx, UserPool pool, User user, TriggerCaller caller) {
        if (user.status() == UserStatus.CONFIRMED) {
            return Uni.createFrom().nullItem();
        }
        return AutoVerification.of(pool.settings()).destinationOf(user)
                .map(attribute -> codes.send(tx, pool, user, CodePurpose.SIGN_UP, attribute, caller))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    /** An unknown user given with a code: a wrong code when the client hides which users exist, else Cognito's LEGACY answer. */
    static CognitoException unknownUserWithCode(AppClient client) {
        return client.preventsUserExistenceErrors() ? VerificationCode.codeMismatch() : UserStore.userNotFoundForClient();
    }

    static void throwIfFailed(VerificationCode.Outcome outcome) {
        CognitoException failure = VerificationCode.failure(outcome);
        if (failure != null) {
            throw failure;
        }
    }

    /** AdminCreateUser's wording of a taken username ("User account already exists"); SignUp says "User already exists". */
    private static boolean isDuplicateUsername(Throwable failure) {
        return failure instanceof CognitoException cognito && "UsernameExistsException".equals(cognito.type())
                && "User account already exists".equals(cognito.getMessage());
    }
}
