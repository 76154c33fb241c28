package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.domain.MessageTemplates;
import dev.cognate.userpool.domain.User;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Cognito's CustomMessage trigger: before a code or an invitation is sent ({@code CustomMessage_SignUp},
 * {@code _ResendCode}, {@code _ForgotPassword}, {@code _UpdateUserAttribute}, {@code _VerifyUserAttribute},
 * {@code _AdminCreateUser}; {@code _Authentication} has no caller until SMS/email MFA codes exist), the function sees
 * the user's attributes and the placeholders — {@code codeParameter} {@code {####}}, and for AdminCreateUser
 * {@code usernameParameter} {@code {username}} — and may answer {@code smsMessage}, {@code emailMessage} and
 * {@code emailSubject}. As Cognito, a message is used only when it contains the code placeholder (and, for
 * AdminCreateUser, the username placeholder too); otherwise the pool's own template goes out. The code itself never
 * reaches the function: trigger-runner puts it where {@code {####}} stands.
 */
@ApplicationScoped
public class CustomMessageTrigger {

    public static final String NAME = "CustomMessage";
    public static final String ADMIN_CREATE_USER = "CustomMessage_AdminCreateUser";
    static final String CODE_PARAMETER = "{####}";
    static final String USERNAME_PARAMETER = "{username}";

    /** The function's texts ({@code null} members: the pool's template). */
    public record Custom(String triggerSource, String smsMessage, String emailMessage, String emailSubject) {

        /** No trigger, or a function that changed nothing. */
        public static Custom none(String triggerSource) {
            return new Custom(triggerSource, null, null, null);
        }

        /** The message for {@code medium}: the function's where Cognito would use it, else {@code defaults}. */
        public MessageTemplates.Rendered apply(String medium, MessageTemplates.Rendered defaults, String username) {
            boolean email = "EMAIL".equals(medium);
            String custom = email ? emailMessage : smsMessage;
            String message = usable(custom) ? custom.replace(USERNAME_PARAMETER, username) : defaults.message();
            String subject = email && emailSubject != null && !emailSubject.isBlank() ? emailSubject : defaults.subject();
            return new MessageTemplates.Rendered(subject, message);
        }

        private boolean usable(String message) {
            return message != null && message.contains(CODE_PARAMETER)
                    && (!ADMIN_CREATE_USER.equals(triggerSource) || message.contains(USERNAME_PARAMETER));
        }
    }

    private final LambdaTriggers triggers;

    public CustomMessageTrigger(LambdaTriggers triggers) {
        this.triggers = triggers;
    }

    /**
     * @param user the user the message goes to (its attributes as stored; for an attribute change, before the change)
     */
    public Uni<Custom> run(String poolId, ObjectNode lambdaConfig, String triggerSource, User user, TriggerCaller caller) {
        LambdaTriggers.requireRunnable(lambdaConfig);
        String target = lambdaConfig.path(NAME).asText(null);
        if (target == null) {
            return Uni.createFrom().item(Custom.none(triggerSource));
        }
        ObjectNode event = TriggerEvents.envelope("1", triggerSource, poolId, user.username(), caller.clientId());
        ObjectNode request = (ObjectNode) event.get("request");
        request.set("userAttributes", TriggerEvents.userAttributes(user));
        request.put("codeParameter", CODE_PARAMETER);
        if (ADMIN_CREATE_USER.equals(triggerSource)) {
            request.put("usernameParameter", USERNAME_PARAMETER);
        } else {
            request.putNull("usernameParameter");
        }
        if (caller.clientMetadata() != null) {
            request.set("clientMetadata", TriggerEvents.stringMap(caller.clientMetadata()));
        }
        ((ObjectNode) event.get("response")).putNull("smsMessage").putNull("emailMessage").putNull("emailSubject");
        return triggers.invoke(poolId, NAME, target, event).map(answer -> customOf(triggerSource, answer));
    }

    static Custom customOf(String triggerSource, JsonNode answer) {
        JsonNode response = answer.path("response");
        if (response.isMissingNode() || response.isNull()) {
            return Custom.none(triggerSource);
        }
        if (!response.isObject()) {
            throw LambdaTriggers.invalidResponse();
        }
        return new Custom(triggerSource, text(response, "smsMessage"), text(response, "emailMessage"), text(response, "emailSubject"));
    }

    private static String text(JsonNode response, String name) {
        JsonNode value = response.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw LambdaTriggers.invalidResponse();
        }
        return value.asText();
    }
}
