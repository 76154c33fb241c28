package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Cognito's CreateAuthChallenge trigger ({@code CreateAuthChallenge_Authentication}): run when DefineAuthChallenge
 * names {@code CUSTOM_CHALLENGE}, with that {@code challengeName} and the history as {@code session}. Its answer gives
 * the {@code publicChallengeParameters} the app sees (the challenge's ChallengeParameters), the
 * {@code privateChallengeParameters} only VerifyAuthChallengeResponse sees, and the {@code challengeMetadata} the next
 * history element carries. The maps' values must be strings.
 */
@ApplicationScoped
public class CreateAuthChallengeTrigger {

    public static final String NAME = "CreateAuthChallenge";

    public record Challenge(Map<String, String> publicParameters, Map<String, String> privateParameters, String metadata) {
    }

    private final LambdaTriggers triggers;

    /** Fails with Cognito's InvalidParameterException when the pool has no CreateAuthChallenge trigger. */
    public static void requireConfigured(ChallengeTriggerContext context) {
        context.target(NAME);
    }

    public CreateAuthChallengeTrigger(LambdaTriggers triggers) {
        this.triggers = triggers;
    }

    public Uni<Challenge> run(ChallengeTriggerContext context, String challengeName, List<ChallengeResult> history) {
        String target = context.target(NAME);
        ObjectNode event = context.event(ChallengeTriggerContext.CREATE);
        ObjectNode request = (ObjectNode) event.get("request");
        request.put("challengeName", challengeName);
        request.set("session", ChallengeTriggerContext.session(history));
        context.finish(event);
        ((ObjectNode) event.get("response")).putNull("publicChallengeParameters").putNull("privateChallengeParameters")
                .putNull("challengeMetadata");
        return triggers.invoke(context.poolId(), NAME, target, event).map(CreateAuthChallengeTrigger::challengeOf);
    }

    static Challenge challengeOf(JsonNode answer) {
        JsonNode response = answer.path("response");
        if (!response.isObject()) {
            throw LambdaTriggers.invalidResponse();
        }
        return new Challenge(TriggerAnswers.strings(response, "publicChallengeParameters"),
                TriggerAnswers.strings(response, "privateChallengeParameters"), TriggerAnswers.string(response, "challengeMetadata"));
    }
}
