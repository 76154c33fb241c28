package dev.cognate.userpool.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.userpool.trigger.ChallengeResult;
import dev.cognate.userpool.trigger.ChallengeTriggerContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the custom authentication flow carries from one step to the next, inside the sign-in session's data (Redis,
 * {@link AuthSessionStore}): the challenges presented so far with their results (DefineAuthChallenge's
 * {@code request.session}), whether a password was verified in the flow (SRP_A then PASSWORD_VERIFIER: only then may an
 * MFA step follow, as Cognito), and the client's SRP_A when the flow started with one.
 *
 * @param srpA the client's SRP public value (hex), null when the flow did not start with {@code CHALLENGE_NAME SRP_A}
 */
record CustomAuthState(List<ChallengeResult> history, boolean passwordVerified, String srpA) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HISTORY = "custom.history";
    private static final String PASSWORD_VERIFIED = "custom.passwordVerified";
    private static final String SRP_A = "custom.srpA";

    CustomAuthState {
        history = List.copyOf(history);
    }

    static CustomAuthState start(String srpA) {
        return new CustomAuthState(srpA == null ? List.of() : List.of(new ChallengeResult(CustomAuthSteps.SRP_A, true, null)), false, srpA);
    }

    /** The state after one more challenge was answered. */
    CustomAuthState answered(ChallengeResult result, boolean verifiedPassword) {
        List<ChallengeResult> longer = new ArrayList<>(history);
        longer.add(result);
        return new CustomAuthState(longer, passwordVerified || verifiedPassword, srpA);
    }

    Map<String, String> toData() {
        Map<String, String> data = new HashMap<>();
        data.put(HISTORY, ChallengeTriggerContext.session(history).toString());
        data.put(PASSWORD_VERIFIED, Boolean.toString(passwordVerified));
        if (srpA != null) {
            data.put(SRP_A, srpA);
        }
        return data;
    }

    /** The state a previous step stored; a session without it (not of this flow) fails as an expired session would. */
    static CustomAuthState fromData(Map<String, String> data) {
        String stored = data.get(HISTORY);
        if (stored == null) {
            throw AuthSessionStore.expired();
        }
        List<ChallengeResult> history = new ArrayList<>();
        try {
            for (JsonNode element : JSON.readTree(stored)) {
                history.add(new ChallengeResult(element.path("challengeName").asText(), element.path("challengeResult").asBoolean(),
                        element.hasNonNull("challengeMetadata") ? element.get("challengeMetadata").asText() : null));
            }
        } catch (JsonProcessingException e) {
            throw AuthSessionStore.expired();
        }
        return new CustomAuthState(history, Boolean.parseBoolean(data.get(PASSWORD_VERIFIED)), data.get(SRP_A));
    }

    /** Whether a session's data belongs to the custom authentication flow. */
    static boolean isCustom(AuthSession session) {
        return CustomAuthSteps.FLOW.equals(session.authFlow()) && session.data().containsKey(HISTORY);
    }
}
