package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Cognito's VerifyAuthChallengeResponse trigger ({@code VerifyAuthChallengeResponse_Authentication}): the app's
 * {@code ANSWER} as {@code challengeAnswer} with the {@code privateChallengeParameters} CreateAuthChallenge gave;
 * the answer's {@code response.answerCorrect} (a boolean; absent or null is false) says whether it passed.
 */
@ApplicationScoped
public class VerifyAuthChallengeResponseTrigger {

    public static final String NAME = "VerifyAuthChallengeResponse";

    private final LambdaTriggers triggers;

    /** Fails with Cognito's InvalidParameterException when the pool has no VerifyAuthChallengeResponse trigger. */
    public static void requireConfigured(ChallengeTriggerContext context) {
        context.target(NAME);
    }

    public VerifyAuthChallengeResponseTrigger(LambdaTriggers triggers) {
        this.triggers = triggers;
    }

    public Uni<Boolean> run(ChallengeTriggerContext context, Map<String, String> privateParameters, String answer) {
        String target = context.target(NAME);
        ObjectNode event = context.event(ChallengeTriggerContext.VERIFY);
        ObjectNode request = (ObjectNode) event.get("request");
        request.set("privateChallengeParameters", TriggerEvents.stringMap(privateParameters));
        request.put("challengeAnswer", answer);
        context.finish(event);
        ((ObjectNode) event.get("response")).putNull("answerCorrect");
        return triggers.invoke(context.poolId(), NAME, target, event).map(VerifyAuthChallengeResponseTrigger::correct);
    }

    static boolean correct(JsonNode answer) {
        JsonNode response = answer.path("response");
        if (!response.isObject()) {
            throw LambdaTriggers.invalidResponse();
        }
        return TriggerAnswers.flag(response, "answerCorrect");
    }
}
