package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.domain.User;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Cognito's PreAuthentication trigger ({@code PreAuthentication_Authentication}): before the first factor's result
 * is used, the function sees the user's attributes and the sign-in's {@code validationData} — the
 * {@code ClientMetadata} of InitiateAuth / AdminInitiateAuth, as Cognito passes it — and may veto the sign-in by
 * failing ("PreAuthentication failed with error &lt;message&gt;."). Its answer's {@code response} carries nothing
 * Cognito reads. For an unknown user it runs only when the client prevents user existence errors, with
 * {@code userNotFound: true} and no attributes; {@code userNotFound} is sent only for such clients, as Cognito does.
 */
@ApplicationScoped
public class PreAuthenticationTrigger {

    public static final String NAME = "PreAuthentication";
    public static final String AUTHENTICATION = "PreAuthentication_Authentication";

    private final LambdaTriggers triggers;

    public PreAuthenticationTrigger(LambdaTriggers triggers) {
        this.triggers = triggers;
    }

    /**
     * @param user             the user signing in, or {@code null} when no user has the name
     * @param validationData   the sign-in's {@code ClientMetadata} ({@code null} when absent)
     * @param hidesUnknownUsers the client's {@code PreventUserExistenceErrors} is ENABLED
     */
    public Uni<Void> run(String poolId, ObjectNode lambdaConfig, String userName, User user, String clientId,
                         Map<String, String> validationData, boolean hidesUnknownUsers) {
        LambdaTriggers.requireRunnable(lambdaConfig);
        String target = lambdaConfig.path(NAME).asText(null);
        if (target == null || (user == null && !hidesUnknownUsers)) {
            return Uni.createFrom().voidItem();
        }
        ObjectNode event = TriggerEvents.envelope("1", AUTHENTICATION, poolId, user == null ? userName : user.username(), clientId);
        ObjectNode request = (ObjectNode) event.get("request");
        if (user == null) {
            request.putObject("userAttributes");
        } else {
            request.set("userAttributes", TriggerEvents.userAttributes(user));
        }
        request.set("validationData", TriggerEvents.stringMap(validationData));
        if (hidesUnknownUsers) {
            request.put("userNotFound", user == null);
        }
        return triggers.invoke(poolId, NAME, target, event).replaceWithVoid();
    }
}
