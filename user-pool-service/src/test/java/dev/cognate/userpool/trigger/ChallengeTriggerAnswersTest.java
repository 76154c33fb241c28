package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.awsprotocol.CognitoException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the three challenge triggers read a function's answer: Cognito's members with their types, absent or null as the
 * default, anything else "Unrecognizable lambda output"; and the history as the events show it.
 */
class ChallengeTriggerAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode answer(String response) {
        try {
            return JSON.readTree("{\"version\": \"1\", \"response\": " + response + "}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unrecognizable(Runnable reading) {
        assertThatThrownBy(reading::run).isInstanceOfSatisfying(CognitoException.class, e -> {
            assertThat(e.type()).isEqualTo("InvalidLambdaResponseException");
            assertThat(e.getMessage()).isEqualTo("Unrecognizable lambda output");
        });
    }

    @Test
    void defineAuthChallengesDecision() {
        assertThat(DefineAuthChallengeTrigger.decisionOf(answer("{\"challengeName\": \"CUSTOM_CHALLENGE\", \"issueTokens\": false,"
                + " \"failAuthentication\": false}"))).isEqualTo(new DefineAuthChallengeTrigger.Decision("CUSTOM_CHALLENGE", false, false));
        assertThat(DefineAuthChallengeTrigger.decisionOf(answer("{\"issueTokens\": true}")))
                .isEqualTo(new DefineAuthChallengeTrigger.Decision(null, true, false));
        assertThat(DefineAuthChallengeTrigger.decisionOf(answer("{\"challengeName\": \"\", \"failAuthentication\": true, \"issueTokens\": null}")))
                .isEqualTo(new DefineAuthChallengeTrigger.Decision(null, false, true));
        unrecognizable(() -> DefineAuthChallengeTrigger.decisionOf(answer("{\"issueTokens\": \"true\"}")));
        unrecognizable(() -> DefineAuthChallengeTrigger.decisionOf(answer("{\"challengeName\": 7}")));
        unrecognizable(() -> DefineAuthChallengeTrigger.decisionOf(answer("\"CUSTOM_CHALLENGE\"")));
    }

    @Test
    void createAuthChallengesParameters() {
        assertThat(CreateAuthChallengeTrigger.challengeOf(answer("{\"publicChallengeParameters\": {\"q\": \"2+2?\"},"
                + " \"privateChallengeParameters\": {\"a\": \"4\"}, \"challengeMetadata\": \"MATH\"}")))
                .isEqualTo(new CreateAuthChallengeTrigger.Challenge(Map.of("q", "2+2?"), Map.of("a", "4"), "MATH"));
        assertThat(CreateAuthChallengeTrigger.challengeOf(answer("{\"publicChallengeParameters\": null}")))
                .isEqualTo(new CreateAuthChallengeTrigger.Challenge(Map.of(), Map.of(), null));
        unrecognizable(() -> CreateAuthChallengeTrigger.challengeOf(answer("{\"privateChallengeParameters\": {\"a\": 4}}")));
        unrecognizable(() -> CreateAuthChallengeTrigger.challengeOf(answer("{\"publicChallengeParameters\": [\"q\"]}")));
        unrecognizable(() -> CreateAuthChallengeTrigger.challengeOf(answer("{\"challengeMetadata\": {\"m\": \"x\"}}")));
    }

    @Test
    void verifyAuthChallengeResponsesVerdict() {
        assertThat(VerifyAuthChallengeResponseTrigger.correct(answer("{\"answerCorrect\": true}"))).isTrue();
        assertThat(VerifyAuthChallengeResponseTrigger.correct(answer("{}"))).as("absent: not correct").isFalse();
        unrecognizable(() -> VerifyAuthChallengeResponseTrigger.correct(answer("{\"answerCorrect\": \"true\"}")));
        unrecognizable(() -> VerifyAuthChallengeResponseTrigger.correct(answer("null")));
    }

    @Test
    void theHistoryAsTheEventsShowIt() {
        assertThat(ChallengeTriggerContext.session(List.of(new ChallengeResult("SRP_A", true, null),
                new ChallengeResult("CUSTOM_CHALLENGE", false, "ROUND-1"))).toString()).isEqualTo("[{\"challengeName\":\"SRP_A\","
                + "\"challengeResult\":true},{\"challengeName\":\"CUSTOM_CHALLENGE\",\"challengeResult\":false,\"challengeMetadata\":\"ROUND-1\"}]");
    }
}
