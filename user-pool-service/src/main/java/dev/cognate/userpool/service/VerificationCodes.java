package dev.cognate.userpool.service;

import dev.cognate.events.MessageEvents;
import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.crypto.VerificationCodeHasher;
import dev.cognate.userpool.domain.CodeDeliveryDetails;
import dev.cognate.userpool.domain.CodePurpose;
import dev.cognate.userpool.domain.MessageTemplates;
import dev.cognate.userpool.domain.SignInIdentifiers;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.VerificationCode;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.repository.VerificationCodeRepository;
import dev.cognate.userpool.trigger.CustomMessageTrigger;
import dev.cognate.userpool.trigger.CustomSenderEvents;
import dev.cognate.userpool.trigger.TriggerCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Issuing and checking one-time codes, inside the caller's transaction. Sending a code replaces the user's live code
 * for that purpose, counts against the user's send limit, and puts a delivery request on {@code cognate.messages}
 * with the code sealed under the master key — the only place a code ever exists outside the user's inbox. Checking
 * a code records a wrong try (the caller commits it even when the request fails) and uses up a right one. The pool's
 * CustomMessage trigger shapes the message in the caller's transaction, so its failure leaves no code stored or sent.
 */
@ApplicationScoped
public class VerificationCodes {

    /** What checking a code found, and the attribute the code had been sent to. */
    public record Check(VerificationCode.Outcome outcome, String attributeName) {

        public boolean matched() {
            return outcome == VerificationCode.Outcome.MATCH;
        }
    }

    private final VerificationCodeRepository codes;
    private final VerificationCodeHasher hasher;
    private final SecretCipher cipher;
    private final CustomMessageTrigger customMessage;
    private final CustomSenderEvents customSenders;
    private final Clock clock;

    public VerificationCodes(VerificationCodeRepository codes, VerificationCodeHasher hasher, SecretCipher cipher,
                             CustomMessageTrigger customMessage, CustomSenderEvents customSenders, Clock clock) {
        this.customMessage = customMessage;
        this.customSenders = customSenders;
        this.codes = codes;
        this.hasher = hasher;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Sends {@code user} a new code for {@code purpose} to its {@code attribute} ({@code email} or {@code phone_number});
     * {@code LimitExceededException} once the user was sent {@value VerificationCode#MAX_SENDS_PER_WINDOW} codes in the hour.
     */
    public Uni<CodeDeliveryDetails> send(SqlClient tx, UserPool pool, User user, CodePurpose purpose, String attribute, TriggerCaller caller) {
        return send(tx, pool, user, purpose, attribute, user.attribute(attribute), purpose.triggerSource(), caller);
    }

    /**
     * Sends a code for {@code purpose} to {@code destination}, a value of {@code attribute} the user may not have yet (a
     * pending new email or phone number), the message marked with {@code triggerSource} (e.g.
     * {@code CustomMessage_UpdateUserAttribute}, the CustomMessage trigger's source); {@code caller} is the request's
     * client and metadata for that trigger.
     */
    public Uni<CodeDeliveryDetails> send(SqlClient tx, UserPool pool, User user, CodePurpose purpose, String attribute, String destination,
                                         String triggerSource, TriggerCaller caller) {
        Instant now = now();
        String code = VerificationCodeHasher.newCode();
        byte[] salt = VerificationCodeHasher.newSalt();
        VerificationCode stored = new VerificationCode(user.userPoolId(), user.sub(), purpose, attribute, salt,
                hasher.hash(salt, user.userPoolId(), user.sub(), purpose, destination, code), now.plus(purpose.lifetime()), 0, now);
        return codes.countSend(tx, user.userPoolId(), user.sub(), now, VerificationCode.SEND_WINDOW)
                .invoke(sends -> {
                    if (sends > VerificationCode.MAX_SENDS_PER_WINDOW) {
                        throw VerificationCode.attemptLimitExceeded();
                    }
                })
                .chain(() -> customMessage.run(pool.id(), pool.config().lambdaConfig(), triggerSource, user, caller))
                .call(() -> codes.replace(tx, stored))
                .chain(custom -> UserPoolEventOutbox.publishMessage(tx, user.userPoolId(), user.sub(), MessageEvents.CODE_REQUESTED,
                        delivery(pool, user, custom, CodeDeliveryDetails.mediumOf(attribute), destination, code, caller)))
                .replaceWith(CodeDeliveryDetails.to(attribute, destination));
    }

    /**
     * Checks {@code code} against the user's live code for {@code purpose}: a wrong one counts, a right one is used up.
     * A code sent to an address the user no longer has does not match.
     */
    public Uni<Check> check(SqlClient tx, User user, CodePurpose purpose, String code) {
        return check(tx, user, purpose, code, user::attribute);
    }

    /** As {@link #check(SqlClient, User, CodePurpose, String)}, the code's address given by {@code destinationOf} its attribute. */
    public Uni<Check> check(SqlClient tx, User user, CodePurpose purpose, String code, java.util.function.UnaryOperator<String> destinationOf) {
        return codes.findForUpdate(tx, user.userPoolId(), user.sub(), purpose).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(new Check(VerificationCode.Outcome.NONE, null));
            }
            VerificationCode live = found.get();
            String destination = String.valueOf(destinationOf.apply(live.attributeName()));
            boolean matches = hasher.matches(live.codeHash(), live.salt(), user.userPoolId(), user.sub(), purpose, destination, code);
            VerificationCode.Outcome outcome = live.outcome(matches, now());
            Check check = new Check(outcome, live.attributeName());
            return switch (outcome) {
                case MATCH -> codes.delete(tx, user.userPoolId(), user.sub(), purpose).replaceWith(check);
                case MISMATCH -> codes.recordFailedAttempt(tx, user.userPoolId(), user.sub(), purpose).replaceWith(check);
                default -> Uni.createFrom().item(check);
            };
        });
    }

    /**
     * What an answer about an unknown user says when the client prevents user existence errors: a delivery to a
     * plausible destination among {@code attributes} (first choice first) — the name itself when it is an address of
     * one of those kinds, else a masked value of the first kind derived from the name, the same on every call — and
     * nothing is sent.
     */
    public CodeDeliveryDetails simulated(String userPoolId, String name, List<String> attributes) {
        Optional<String> itself = attributes.stream().filter(attribute -> looksLike(attribute, name)).findFirst();
        if (itself.isPresent()) {
            return CodeDeliveryDetails.to(itself.get(), name);
        }
        String attribute = attributes.isEmpty() ? SignInIdentifiers.EMAIL : attributes.get(0);
        byte[] print = hasher.fingerprint(userPoolId + "\n" + name);
        if (SignInIdentifiers.EMAIL.equals(attribute)) {
            return CodeDeliveryDetails.to(attribute, letter(print[0]) + "@" + letter(print[1]) + ".com");
        }
        int digits = Math.floorMod((print[2] << 8) | (print[3] & 0xff), 10_000);
        return CodeDeliveryDetails.to(attribute, "+1555555" + String.format("%04d", digits));
    }

    private MessageEvents.DeliveryRequested delivery(UserPool pool, User user, CustomMessageTrigger.Custom custom, String medium,
                                                     String destination, String code, TriggerCaller caller) {
        String triggerSource = custom.triggerSource();
        Optional<MessageEvents.CustomSender> customSender = customSenders.of(pool, user, triggerSource, medium, code, caller);
        if (customSender.isPresent()) {
            // The function writes the text (a CustomMessage answer is not used); the code travels only inside the
            // sender's event, encrypted to its key.
            return new MessageEvents.DeliveryRequested(user.userPoolId(), user.sub().toString(), user.username(), triggerSource,
                    medium, destination, null, null, null, null, null, customSender.get());
        }
        MessageTemplates templates = new MessageTemplates(pool.settings());
        MessageTemplates.Rendered text = custom.apply(medium, templates.verificationCode(medium, user.username()), user.username());
        String sealed = Base64.getEncoder().encodeToString(cipher.encrypt(code,
                MessageEvents.sealingContext(triggerSource, user.userPoolId(), user.sub().toString())));
        return new MessageEvents.DeliveryRequested(user.userPoolId(), user.sub().toString(), user.username(), triggerSource,
                medium, destination, sealed, text.subject(), text.message(), templates.from(), templates.replyTo());
    }

    private static boolean looksLike(String attribute, String name) {
        return SignInIdentifiers.EMAIL.equals(attribute) ? name.matches("[^@\\s]+@[^@\\s]+") : name.matches("\\+[0-9]{4,15}");
    }

    private static String letter(byte value) {
        return String.valueOf((char) ('a' + Math.floorMod(value, 26)));
    }

    /** Now, at the millisecond precision rows are written with. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
