package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Cognito's DefineAuthChallenge trigger ({@code DefineAuthChallenge_Authentication}): the state machine of the
 * CUSTOM_AUTH flow. The event's {@code request.session} is the history so far; the answer's {@code response} says
 * what comes next: {@code failAuthentication}, {@code issueTokens}, or the next {@code challengeName}. Members that are
 * present must have their types (a string, booleans); anything else is an unrecognizable answer.
 */
@ApplicationScoped
public class DefineAuthChallengeTrigger {

    public static final String NAME = "DefineAuthChallenge";

    /** The function's decision; {@code challengeName} null when it named none. */
    public record Decision(String challengeName, boolean issueTokens, boolean failAuthentication) {
    }

    private final LambdaTriggers triggers;

    public DefineAuthChallengeTrigger(LambdaTriggers triggers) {
        this.triggers = triggers;
    }

    /** Fails with Cognito's InvalidParameterException when the pool has no DefineAuthChallenge trigger. */
    public static void requireConfigured(ChallengeTriggerContext context) {
        context.target(NAME);
    }

    public Uni<Decision> run(ChallengeTriggerContext context, List<ChallengeResult> history) {
        String target = context.target(NAME);
        ObjectNode event = context.event(ChallengeTriggerContext.DEFINE);
        ((ObjectNode) event.get("request")).set("session", ChallengeTriggerContext.session(history));
        context.finish(event);
        ((ObjectNode) event.get("response")).putNull("challengeName").putNull("issueTokens").putNull("failAuthentication");
        return triggers.invoke(context.poolId(), NAME, target, event).map(DefineAuthChallengeTrigger::decisionOf);
    }

    static Decision decisionOf(JsonNode answer) {
        JsonNode response = answer.path("response");
        if (!response.isObject()) {
            throw LambdaTriggers.invalidResponse();
        }
        JsonNode name = response.path("challengeName");
        if (!name.isMissingNode() && !name.isNull() && !name.isTextual()) {
            throw LambdaTriggers.invalidResponse();
        }
        return new Decision(name.isTextual() && !name.asText().isEmpty() ? name.asText() : null,
                TriggerAnswers.flag(response, "issueTokens"), TriggerAnswers.flag(response, "failAuthentication"));
    }
}
