package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.events.MessageEvents;
import dev.cognate.userpool.crypto.CustomSenderCodeCipher;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pool's custom sender for a message, if it has one for the message's medium ({@code CustomEmailSender} for email,
 * {@code CustomSMSSender} for SMS), with the Cognito event to invoke it with: Cognito does not send such a message
 * itself, it invokes the function asynchronously with the code encrypted. Here the code is encrypted
 * ({@link CustomSenderCodeCipher}) before the delivery request is written to the outbox, so it never rests in clear in
 * PostgreSQL or Kafka, and trigger-runner only POSTs the event.
 */
@ApplicationScoped
public class CustomSenderEvents {

    public static final String EMAIL_SENDER = "CustomEmailSender";
    public static final String SMS_SENDER = "CustomSMSSender";
    /** The message purposes are CustomMessage trigger sources; a custom sender's has the sender's prefix instead. */
    private static final String CUSTOM_MESSAGE_PREFIX = "CustomMessage_";

    private final CustomSenderCodeCipher cipher;

    public CustomSenderEvents(CustomSenderCodeCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * The custom sender of {@code medium} ({@code EMAIL} or {@code SMS}) for a message of {@code purpose} (a CustomMessage
     * trigger source, e.g. {@code CustomMessage_SignUp}) carrying {@code secret}, or empty when the pool has none. A pool
     * stored with a custom sender while the installation has no key any more fails closed
     * ({@code UnexpectedLambdaException}): the message is neither sent by Cognate nor lost silently.
     *
     * @param caller the request's app client ({@code null} for admin actions: {@code CLIENT_ID_NOT_APPLICABLE}) and
     *               {@code ClientMetadata} ({@code {}} when absent)
     */
    public Optional<MessageEvents.CustomSender> of(UserPool pool, User user, String purpose, String medium, String secret,
                                                   TriggerCaller caller) {
        ObjectNode lambdaConfig = pool.config().lambdaConfig();
        String trigger = "SMS".equals(medium) ? SMS_SENDER : EMAIL_SENDER;
        String target = lambdaConfig.path(trigger).path("LambdaArn").asText(null);
        if (target == null) {
            return Optional.empty();
        }
        if (!cipher.configured()) {
            throw LambdaTriggers.unexpected(trigger, "CustomSenderKeyNotConfigured");
        }
        ObjectNode event = TriggerEvents.envelope("1", triggerSource(trigger, purpose), pool.id(), user.username(),
                caller.clientId());
        // Cognito's custom sender events carry no response: the invocation is asynchronous and its answer is ignored.
        event.remove("response");
        ObjectNode request = (ObjectNode) event.get("request");
        request.put("type", EMAIL_SENDER.equals(trigger) ? "customEmailSenderRequestV1" : "customSMSSenderRequestV1");
        request.put("code", cipher.encrypt(secret));
        request.set("clientMetadata", TriggerEvents.stringMap(caller.clientMetadata() == null ? Map.of() : caller.clientMetadata()));
        request.set("userAttributes", TriggerEvents.stringMap(userAttributes(user)));
        return Optional.of(new MessageEvents.CustomSender(trigger, target, lambdaConfig.path("KMSKeyID").asText(null), event));
    }

    /** {@code CustomMessage_SignUp} → {@code CustomEmailSender_SignUp} / {@code CustomSMSSender_SignUp}. */
    static String triggerSource(String trigger, String purpose) {
        String event = purpose.startsWith(CUSTOM_MESSAGE_PREFIX) ? purpose.substring(CUSTOM_MESSAGE_PREFIX.length()) : purpose;
        return trigger + "_" + event;
    }

    /** The user's attributes as Cognito sends them to triggers: {@code sub} and {@code cognito:user_status} included. */
    private static Map<String, String> userAttributes(User user) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sub", user.sub().toString());
        attributes.putAll(user.attributes());
        attributes.put("cognito:user_status", user.status().name());
        return attributes;
    }
}
