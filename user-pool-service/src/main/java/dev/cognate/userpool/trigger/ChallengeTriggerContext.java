package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;

import java.util.List;
import java.util.Map;

/**
 * What the three custom authentication triggers (DefineAuthChallenge, CreateAuthChallenge,
 * VerifyAuthChallengeResponse) share in their events: the pool and its {@code LambdaConfig}, the user name, the app
 * client, {@code request.userAttributes} ({@code sub} and {@code cognito:user_status} first, as Cognito sends them;
 * empty for an unknown user), {@code request.clientMetadata} (the ClientMetadata of the RespondToAuthChallenge call that
 * runs the trigger — InitiateAuth's does not reach these triggers, as Cognito documents; absent when none) and {@code request.userNotFound}
 * (sent only to clients with PreventUserExistenceErrors ENABLED, as Cognito documents it: {@code null} here omits it).
 */
public record ChallengeTriggerContext(String poolId, ObjectNode lambdaConfig, String userName, String clientId,
                                      Map<String, String> userAttributes, Map<String, String> clientMetadata, Boolean userNotFound) {

    /** The triggers' {@code triggerSource}s. */
    static final String DEFINE = "DefineAuthChallenge_Authentication";
    static final String CREATE = "CreateAuthChallenge_Authentication";
    static final String VERIFY = "VerifyAuthChallengeResponse_Authentication";

    /** Cognito's answer when CUSTOM_AUTH needs a challenge trigger the pool does not have. */
    public static CognitoException notConfigured() {
        return CognitoException.invalidParameter("Custom auth lambda trigger is not configured for the user pool.");
    }

    /** The trigger's target; fails closed on a stored member Cognate does not run, and with {@link #notConfigured} when absent. */
    String target(String trigger) {
        LambdaTriggers.requireRunnable(lambdaConfig);
        String target = lambdaConfig.path(trigger).asText(null);
        if (target == null || target.isEmpty()) {
            throw notConfigured();
        }
        return target;
    }

    /** The envelope with {@code request.userAttributes} set; {@link #finish} adds clientMetadata and userNotFound last. */
    ObjectNode event(String triggerSource) {
        ObjectNode event = TriggerEvents.envelope("1", triggerSource, poolId, userName, clientId);
        ((ObjectNode) event.get("request")).set("userAttributes", TriggerEvents.stringMap(userAttributes));
        return event;
    }

    void finish(ObjectNode event) {
        ObjectNode request = (ObjectNode) event.get("request");
        if (clientMetadata != null) {
            request.set("clientMetadata", TriggerEvents.stringMap(clientMetadata));
        }
        if (userNotFound != null) {
            request.put("userNotFound", userNotFound);
        }
    }

    /** The history as {@code request.session}: {@code challengeMetadata} only where CreateAuthChallenge gave one. */
    public static ArrayNode session(List<ChallengeResult> history) {
        ArrayNode session = JsonNodeFactory.instance.arrayNode();
        for (ChallengeResult result : history) {
            ObjectNode element = session.addObject();
            element.put("challengeName", result.challengeName());
            element.put("challengeResult", result.challengeResult());
            if (result.challengeMetadata() != null) {
                element.put("challengeMetadata", result.challengeMetadata());
            }
        }
        return session;
    }
}
