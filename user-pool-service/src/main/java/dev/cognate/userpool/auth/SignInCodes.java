package dev.cognate.userpool.auth;

import dev.cognate.events.MessageEvents;
import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.crypto.VerificationCodeHasher;
import dev.cognate.userpool.domain.CodeDeliveryDetails;
import dev.cognate.userpool.domain.MessageTemplates;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.repository.UserPoolMfaRepository;
import dev.cognate.userpool.service.VerificationCodes;
import dev.cognate.userpool.trigger.CustomMessageTrigger;
import dev.cognate.userpool.trigger.CustomSenderEvents;
import dev.cognate.userpool.trigger.TriggerCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One-time sign-in codes, sent by SMS or email: the second factors {@code SMS_MFA} and {@code EMAIL_OTP}, the email
 * MFA set-up, and the first factors {@code EMAIL_OTP} / {@code SMS_OTP} of USER_AUTH. A code is random (6 digits for
 * MFA, 8 for a first factor, as Cognito), lives only as a keyed hash in the sign-in's session — so it is valid as long
 * as the session (the client's {@code AuthSessionValidity}), bound to this user, challenge and address, and used once
 * with it; Redis losing the session fails the sign-in closed — and goes out through the one delivery path: a
 * {@code cognate.messages} request in the outbox (trigger-runner delivers it by SMTP or the SMS gateway), shaped by the
 * pool's CustomMessage trigger ({@value #TRIGGER_SOURCE}) or handed to its CustomSMSSender / CustomEmailSender
 * ({@code ..._Authentication}). The texts are the pool's {@code SmsAuthenticationMessage} and
 * {@code EmailMfaConfiguration.Message}/{@code Subject}. A user is sent at most a few codes in a window
 * ({@link SignInCodeLimit}): a script cannot flood a victim's phone.
 */
@ApplicationScoped
public class SignInCodes {

    public static final String TRIGGER_SOURCE = "CustomMessage_Authentication";
    /** Why the code was sent, in the session: what a right code completes. */
    public enum Stage {
        /** A second factor after a verified first one. */
        MFA(6),
        /** MFA_SETUP for email: a right code enables email MFA with the address it went to. */
        SETUP(6),
        /** A passwordless first factor of USER_AUTH: a right code ends the sign-in. */
        FIRST_FACTOR(8);

        private final int digits;

        Stage(int digits) {
            this.digits = digits;
        }
    }

    static final String STAGE = "codeStage";
    static final String SALT = "codeSalt";
    static final String HASH = "codeHash";
    static final String DESTINATION = "codeDestination";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool db;
    private final UserPoolMfaRepository mfaConfigs;
    private final AuthSessionStore sessions;
    private final VerificationCodeHasher hasher;
    private final SecretCipher cipher;
    private final CustomMessageTrigger customMessage;
    private final CustomSenderEvents customSenders;
    private final VerificationCodes verificationCodes;
    private final SignInCodeLimit limit;
    private final Clock clock;

    public SignInCodes(Pool db, UserPoolMfaRepository mfaConfigs, AuthSessionStore sessions, VerificationCodeHasher hasher, SecretCipher cipher,
                       CustomMessageTrigger customMessage, CustomSenderEvents customSenders, VerificationCodes verificationCodes,
                       SignInCodeLimit limit, Clock clock) {
        this.limit = limit;
        this.verificationCodes = verificationCodes;
        this.db = db;
        this.mfaConfigs = mfaConfigs;
        this.sessions = sessions;
        this.hasher = hasher;
        this.cipher = cipher;
        this.customMessage = customMessage;
        this.customSenders = customSenders;
        this.clock = clock;
    }

    /**
     * Sends {@code user} a new code to {@code destination} (a value of {@code attribute}, {@code email} or
     * {@code phone_number}) and answers {@code challengeName} with a new session holding its hash and
     * {@code CODE_DELIVERY_DELIVERY_MEDIUM} / a masked {@code CODE_DELIVERY_DESTINATION}. The message is committed before
     * the session exists: a session without a sent code never does. Beyond the user's send limit ({@link SignInCodeLimit})
     * it fails with {@code TooManyRequestsException} before anything is sent or run.
     */
    public Uni<AuthResponse> challenge(AuthContext context, User user, String challengeName, String attribute, String destination, Stage stage) {
        String code = newCode(stage.digits);
        String salt = Base64.getEncoder().encodeToString(VerificationCodeHasher.newSalt());
        String medium = CodeDeliveryDetails.mediumOf(attribute);
        CodeDeliveryDetails delivery = CodeDeliveryDetails.to(attribute, destination);
        Map<String, String> data = new LinkedHashMap<>();
        data.put(STAGE, stage.name());
        data.put(SALT, salt);
        data.put(HASH, hash(salt, user, challengeName, destination, code));
        data.put(DESTINATION, destination);
        AuthSession session = new AuthSession(user.userPoolId(), context.client().clientId(), user.sub(), user.username(), context.authFlow(),
                challengeName, clock.instant().getEpochSecond(), data);
        return limit.take(user.userPoolId(), user.sub().toString())
                .chain(() -> factors(context.pool()))
                .chain(factors -> db.withTransaction(tx -> customMessage.run(context.pool().id(), context.pool().config().lambdaConfig(),
                                TRIGGER_SOURCE, user, caller(context))
                        .chain(custom -> UserPoolEventOutbox.publishMessage(tx, user.userPoolId(), user.sub(), MessageEvents.CODE_REQUESTED,
                                delivery(context, factors, user, custom, medium, destination, code)))))
                .chain(() -> sessions.create(context.client(), session))
                .map(id -> {
                    Map<String, String> parameters = new LinkedHashMap<>();
                    parameters.put("CODE_DELIVERY_DELIVERY_MEDIUM", delivery.deliveryMedium());
                    parameters.put("CODE_DELIVERY_DESTINATION", delivery.destination());
                    parameters.put("USER_ID_FOR_SRP", user.username());
                    return AuthResponse.challenge(challengeName, id, parameters);
                });
    }

    /**
     * What a name the pool does not know gets when the client prevents user existence errors: the same challenge with a
     * plausible masked destination (the same on every call), a session without a code, and nothing sent — every code
     * then fails as a wrong one does ({@link OneTimeCodeChallenge}). Counted on the send limit as a real code, under the
     * name: an unknown name is refused after as many sign-ins as a known one.
     */
    public Uni<AuthResponse> decoy(AuthContext context, String username, String challengeName, String attribute) {
        CodeDeliveryDetails delivery = verificationCodes.simulated(context.pool().id(), username, List.of(attribute));
        AuthSession session = new AuthSession(context.pool().id(), context.client().clientId(), null, username, context.authFlow(),
                challengeName, clock.instant().getEpochSecond(), Map.of(STAGE, Stage.FIRST_FACTOR.name()));
        return limit.take(context.pool().id(), "name:" + username).chain(() -> sessions.create(context.client(), session)).map(id -> {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("CODE_DELIVERY_DELIVERY_MEDIUM", delivery.deliveryMedium());
            parameters.put("CODE_DELIVERY_DESTINATION", delivery.destination());
            parameters.put("USER_ID_FOR_SRP", username);
            return AuthResponse.challenge(challengeName, id, parameters);
        });
    }

    /** The pool's second factors and their texts. */
    public Uni<MfaFactors> factors(UserPool pool) {
        return mfaConfigs.find(db, pool.id()).map(config -> MfaFactors.of(pool, config.orElse(null)));
    }

    /** Whether {@code code} is the one {@code session}'s challenge sent (constant time); a session without a code never matches. */
    public boolean matches(AuthSession session, User user, String code) {
        String salt = session.data().get(SALT);
        String expected = session.data().get(HASH);
        String destination = session.data().get(DESTINATION);
        if (salt == null || expected == null || destination == null || code == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                hash(salt, user, session.challengeName(), destination, code.trim()).getBytes(StandardCharsets.US_ASCII));
    }

    /** What the session's code was sent for. */
    public static Stage stageOf(AuthSession session) {
        String stage = session.data().get(STAGE);
        return stage == null ? Stage.MFA : Stage.valueOf(stage);
    }

    /** The address the session's code went to. */
    public static String destinationOf(AuthSession session) {
        return session.data().get(DESTINATION);
    }

    private String hash(String salt, User user, String challengeName, String destination, String code) {
        // keyed (HMAC under a key derived from the master key): a session read from Redis does not give the code away
        return Base64.getEncoder().encodeToString(hasher.fingerprint(String.join("\n", "sign-in-code", salt, user.userPoolId(),
                user.sub().toString(), challengeName, destination, code)));
    }

    private MessageEvents.DeliveryRequested delivery(AuthContext context, MfaFactors factors, User user, CustomMessageTrigger.Custom custom,
                                                     String medium, String destination, String code) {
        Optional<MessageEvents.CustomSender> customSender = customSenders.of(context.pool(), user, TRIGGER_SOURCE, medium, code, caller(context));
        if (customSender.isPresent()) {
            // the function writes the text; the code travels only inside the sender's event, encrypted to its key
            return new MessageEvents.DeliveryRequested(user.userPoolId(), user.sub().toString(), user.username(), TRIGGER_SOURCE,
                    medium, destination, null, null, null, null, null, customSender.get());
        }
        boolean email = "EMAIL".equals(medium);
        MessageTemplates.Rendered defaults = new MessageTemplates.Rendered(email ? factors.emailSubject() : null,
                email ? factors.emailMessage() : factors.smsMessage());
        MessageTemplates.Rendered text = custom.apply(medium, defaults, user.username());
        MessageTemplates templates = new MessageTemplates(context.pool().settings());
        String sealed = Base64.getEncoder().encodeToString(cipher.encrypt(code,
                MessageEvents.sealingContext(TRIGGER_SOURCE, user.userPoolId(), user.sub().toString())));
        return new MessageEvents.DeliveryRequested(user.userPoolId(), user.sub().toString(), user.username(), TRIGGER_SOURCE, medium,
                destination, sealed, text.subject(), text.message(), templates.from(), templates.replyTo());
    }

    /** The trigger's caller: the client, and the step's metadata (RespondToAuthChallenge's ClientMetadata, else InitiateAuth's). */
    private static TriggerCaller caller(AuthContext context) {
        return new TriggerCaller(context.client().clientId(), null,
                context.clientMetadata() != null ? context.clientMetadata() : context.validationData());
    }

    static String newCode(int digits) {
        StringBuilder code = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            code.append(RANDOM.nextInt(10));
        }
        return code.toString();
    }
}
