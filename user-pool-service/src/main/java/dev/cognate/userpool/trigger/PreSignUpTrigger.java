package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cognito's PreSignUp trigger ({@code PreSignUp_SignUp}, {@code PreSignUp_AdminCreateUser}): the event carries the
 * new user's attributes, the caller's {@code validationData} and {@code clientMetadata}; the answer's {@code response}
 * may confirm the user ({@code autoConfirmUser}) and mark the email or phone number verified ({@code autoVerifyEmail},
 * {@code autoVerifyPhone}). A member that is present must be a boolean; anything else is an unrecognizable answer.
 * Run before the user's transaction starts (a slow function holds no database connection), so a veto leaves nothing.
 */
@ApplicationScoped
public class PreSignUpTrigger {

    public static final String NAME = "PreSignUp";
    public static final String SIGN_UP = "PreSignUp_SignUp";
    public static final String ADMIN_CREATE_USER = "PreSignUp_AdminCreateUser";
    /** The first sign-in of a federated user, before Cognito creates it. */
    public static final String EXTERNAL_PROVIDER = "PreSignUp_ExternalProvider";

    /** What the function decided; {@link #NONE} when the pool has no PreSignUp trigger. */
    public record Decision(boolean autoConfirmUser, boolean autoVerifyEmail, boolean autoVerifyPhone) {
        public static final Decision NONE = new Decision(false, false, false);
    }

    private final LambdaTriggers triggers;

    public PreSignUpTrigger(LambdaTriggers triggers) {
        this.triggers = triggers;
    }

    /**
     * @param lambdaConfig  the pool's {@code LambdaConfig}
     * @param triggerSource {@link #SIGN_UP} or {@link #ADMIN_CREATE_USER}
     * @param attributes    the new user's attributes as they would be stored
     */
    public Uni<Decision> run(String poolId, ObjectNode lambdaConfig, String triggerSource, String userName,
                             Map<String, String> attributes, TriggerCaller caller) {
        LambdaTriggers.requireRunnable(lambdaConfig);
        String target = lambdaConfig.path(NAME).asText(null);
        if (target == null) {
            return Uni.createFrom().item(Decision.NONE);
        }
        ObjectNode event = TriggerEvents.envelope("1", triggerSource, poolId, userName, caller.clientId());
        Map<String, String> shown = new LinkedHashMap<>(attributes);
        shown.remove("sub");
        ObjectNode request = (ObjectNode) event.get("request");
        request.set("userAttributes", TriggerEvents.stringMap(shown));
        request.set("validationData", TriggerEvents.stringMap(caller.validationData()));
        if (caller.clientMetadata() != null) {
            request.set("clientMetadata", TriggerEvents.stringMap(caller.clientMetadata()));
        }
        ((ObjectNode) event.get("response")).put("autoConfirmUser", false).put("autoVerifyEmail", false).put("autoVerifyPhone", false);
        return triggers.invoke(poolId, NAME, target, event).map(PreSignUpTrigger::decisionOf);
    }

    static Decision decisionOf(JsonNode answer) {
        JsonNode response = answer.path("response");
        if (response.isMissingNode() || response.isNull()) {
            return Decision.NONE;
        }
        if (!response.isObject()) {
            throw LambdaTriggers.invalidResponse();
        }
        return new Decision(TriggerAnswers.flag(response, "autoConfirmUser"), TriggerAnswers.flag(response, "autoVerifyEmail"),
                TriggerAnswers.flag(response, "autoVerifyPhone"));
    }
}
