package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.userpool.trigger.TriggerRunnerStandIn;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PreTokenGeneration trigger (V1_0) on the API sign-in, the NEW_PASSWORD_REQUIRED challenge and the refresh, driven
 * by the AWS SDK v2: Cognito's event with the user's attributes and group configuration, the ID token's claims added,
 * overridden and suppressed, the groups replaced in both tokens, the claims Cognito keeps to itself untouched, and a
 * failing function answered with Cognito's exception, no tokens and nothing changed (no sign-in recorded, the new
 * password rolled back, the rotating refresh token still usable).
 */
@QuarkusTest
@ExtendWith(TriggerRunnerStandIn.Running.class)
class PreTokenGenerationTriggerTest extends SignInFixture {

    private static final String FUNCTION = "https://functions.example.com/tokens";
    private static final String ROLE = "arn:aws:iam::123456789012:role/staff";

    @BeforeEach
    void poolWithPreTokenGeneration() {
        cognito.updateUserPool(r -> r.userPoolId(poolId).lambdaConfig(l -> l.preTokenGeneration(FUNCTION)));
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("staff").roleArn(ROLE).precedence(1));
    }

    private static Function<JsonNode, Result> answering(String claimsOverrideDetails) {
        return event -> {
            ObjectNode answer = event.deepCopy();
            try {
                ((ObjectNode) answer.get("response")).set("claimsOverrideDetails", JSON.readTree(claimsOverrideDetails));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Result.answered(answer);
        };
    }

    @Test
    void signInSendsCognitosEventAndTheAnswerShapesTheTokens() throws Exception {
        String sub = createUser("ana", true);
        cognito.adminAddUserToGroup(r -> r.userPoolId(poolId).username("ana").groupName("staff"));
        TriggerRunnerStandIn.answerWith(answering("""
                {"claimsToAddOrOverride": {"tier": "gold", "email": "ana@corp.example", "sub": "forged", "cognito:username": "root"},
                 "claimsToSuppress": ["email_verified", "iss"],
                 "groupOverrideDetails": {"groupsToOverride": ["admins", "staff"], "iamRolesToOverride": ["arn:aws:iam::123456789012:role/admin"],
                                          "preferredRole": "arn:aws:iam::123456789012:role/admin"}}"""));

        AuthenticationResultType tokens = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "ana", "PASSWORD", PASSWORD)).clientMetadata(Map.of("ignored", "yes")))
                .authenticationResult();

        JsonNode event = TriggerRunnerStandIn.calls().get(0).event();
        assertThat(event.path("request").has("clientMetadata")).as("InitiateAuth's ClientMetadata is not passed, as Cognito").isFalse();
        assertThat(event.path("version").asText()).isEqualTo("1");
        assertThat(event.path("triggerSource").asText()).isEqualTo("TokenGeneration_Authentication");
        assertThat(event.path("region").asText()).isEqualTo("us-east-1");
        assertThat(event.path("userPoolId").asText()).isEqualTo(poolId);
        assertThat(event.path("userName").asText()).isEqualTo("ana");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo(clientId);
        JsonNode attributes = event.path("request").path("userAttributes");
        assertThat(attributes.path("sub").asText()).isEqualTo(sub);
        assertThat(attributes.path("email").asText()).isEqualTo("ana@example.com");
        assertThat(attributes.path("email_verified").asText()).isEqualTo("true");
        assertThat(attributes.path("cognito:user_status").asText()).isEqualTo("CONFIRMED");
        assertThat(event.path("request").path("groupConfiguration").toString())
                .isEqualTo("{\"groupsToOverride\":[\"staff\"],\"iamRolesToOverride\":[\"" + ROLE + "\"],\"preferredRole\":\"" + ROLE + "\"}");
        assertThat(event.path("response").toString()).isEqualTo("{\"claimsOverrideDetails\":null}");

        JwtClaims id = verify(tokens.idToken(), clientId);
        assertThat(id.getStringClaimValue("tier")).isEqualTo("gold");
        assertThat(id.getStringClaimValue("email")).isEqualTo("ana@corp.example");
        assertThat(id.hasClaim("email_verified")).isFalse();
        assertThat(id.getSubject()).as("sub cannot be changed").isEqualTo(sub);
        assertThat(id.getIssuer()).as("iss cannot be suppressed").isEqualTo("http://localhost:8081/" + poolId);
        assertThat(id.getStringClaimValue("cognito:username")).isEqualTo("ana");
        assertThat(id.getStringListClaimValue("cognito:groups")).containsExactly("admins", "staff");
        assertThat(id.getStringListClaimValue("cognito:roles")).containsExactly("arn:aws:iam::123456789012:role/admin");
        assertThat(id.getStringClaimValue("cognito:preferred_role")).isEqualTo("arn:aws:iam::123456789012:role/admin");
        JwtClaims access = verify(tokens.accessToken(), null);
        assertThat(access.getStringListClaimValue("cognito:groups")).containsExactly("admins", "staff");
        assertThat(access.hasClaim("tier")).as("V1 changes the ID token only").isFalse();
    }

    @Test
    void refreshRunsTheTriggerAsRefreshTokens() throws Exception {
        createUser("bea", true);
        TriggerRunnerStandIn.answerWith(Result::answered);
        String refreshToken = passwordAuth(clientId, "bea", PASSWORD).authenticationResult().refreshToken();
        TriggerRunnerStandIn.answerWith(answering("{\"claimsToAddOrOverride\": {\"refreshed\": \"yes\"}}"));

        AuthenticationResultType refreshed = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", refreshToken))).authenticationResult();

        assertThat(TriggerRunnerStandIn.calls()).hasSize(1);
        assertThat(TriggerRunnerStandIn.calls().get(0).event().path("triggerSource").asText()).isEqualTo("TokenGeneration_RefreshTokens");
        assertThat(verify(refreshed.idToken(), clientId).getStringClaimValue("refreshed")).isEqualTo("yes");
    }

    @Test
    void noOverrideLeavesTheTokensAsWithoutTheTrigger() throws Exception {
        createUser("cid", true);
        TriggerRunnerStandIn.answerWith(Result::answered);

        JwtClaims id = verify(passwordAuth(clientId, "cid", PASSWORD).authenticationResult().idToken(), clientId);

        assertThat(id.getStringClaimValue("email")).isEqualTo("cid@example.com");
        assertThat(id.hasClaim("cognito:groups")).isFalse();
    }

    @Test
    void failuresAreCognitosExceptionsAndNoTokens() {
        String sub = createUser("dag", true);
        Map<Function<JsonNode, Result>, List<String>> failures = Map.of(
                event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "account frozen"),
                List.of("UserLambdaValidationException", "PreTokenGeneration failed with error account frozen."),
                answering("{\"claimsToAddOrOverride\": {\"level\": 3}}"),
                List.of("InvalidLambdaResponseException", "Unrecognizable lambda output"),
                answering("{\"claimsToSuppress\": \"email\"}"),
                List.of("InvalidLambdaResponseException", "Unrecognizable lambda output"),
                event -> Result.failed(Outcome.NO_ANSWER, "TimeoutError", "no answer"),
                List.of("UnexpectedLambdaException", "PreTokenGeneration invocation failed due to error TimeoutError."));
        failures.forEach((function, expected) -> {
            TriggerRunnerStandIn.answerWith(function);
            assertThatThrownBy(() -> passwordAuth(clientId, "dag", PASSWORD))
                    .isInstanceOfSatisfying(CognitoIdentityProviderException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(expected.get(0));
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(expected.get(1));
                    });
        });
        // the trigger runs before the sign-in is committed: no refresh-token family, no successful SignIn event
        assertThat(count("SELECT count(*) FROM refresh_token_families WHERE user_pool_id = $1 AND sub = $2", sub)).isZero();
        assertThat(count("SELECT count(*) FROM auth_events WHERE user_pool_id = $1 AND sub = $2 AND event_type = 'SignIn'"
                + " AND event_response = 'Pass'", sub)).isZero();
    }

    @Test
    void theNewPasswordChallengesTokensRunAsNewPasswordChallengeAndAFailureKeepsTheOldPassword() throws Exception {
        createUser("eve", false);
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "not today"));
        String session = passwordAuth(clientId, "eve", "Temporary-Pass-1").session();

        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName("NEW_PASSWORD_REQUIRED")
                .session(session).challengeResponses(Map.of("USERNAME", "eve", "NEW_PASSWORD", PASSWORD))))
                .isInstanceOfSatisfying(CognitoIdentityProviderException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UserLambdaValidationException"));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("eve")).userStatusAsString())
                .as("the new password was rolled back with the refused tokens").isEqualTo("FORCE_CHANGE_PASSWORD");

        TriggerRunnerStandIn.answerWith(answering("{\"claimsToAddOrOverride\": {\"first\": \"yes\"}}"));
        String again = passwordAuth(clientId, "eve", "Temporary-Pass-1").session();
        AuthenticationResultType tokens = anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName("NEW_PASSWORD_REQUIRED")
                .session(again).challengeResponses(Map.of("USERNAME", "eve", "NEW_PASSWORD", PASSWORD))
                .clientMetadata(Map.of("device", "kiosk"))).authenticationResult();

        JsonNode event = TriggerRunnerStandIn.calls().get(0).event();
        assertThat(event.path("triggerSource").asText()).isEqualTo("TokenGeneration_NewPasswordChallenge");
        assertThat(event.path("request").path("clientMetadata").toString()).as("RespondToAuthChallenge passes it")
                .isEqualTo("{\"device\":\"kiosk\"}");
        assertThat(event.path("request").path("userAttributes").path("cognito:user_status").asText()).isEqualTo("CONFIRMED");
        assertThat(verify(tokens.idToken(), clientId).getStringClaimValue("first")).isEqualTo("yes");
    }

    @Test
    void aFailingFunctionDoesNotUseUpARotatingRefreshToken() throws Exception {
        String rotating = newClient(List.of(software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH), true);
        createUser("fay", true);
        TriggerRunnerStandIn.answerWith(Result::answered);
        String refreshToken = passwordAuth(rotating, "fay", PASSWORD).authenticationResult().refreshToken();

        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.NO_ANSWER, "TimeoutError", "no answer"));
        assertThatThrownBy(() -> anonymous.getTokensFromRefreshToken(r -> r.clientId(rotating).refreshToken(refreshToken)))
                .isInstanceOfSatisfying(CognitoIdentityProviderException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnexpectedLambdaException"));

        TriggerRunnerStandIn.answerWith(Result::answered);
        var refreshed = anonymous.getTokensFromRefreshToken(r -> r.clientId(rotating).refreshToken(refreshToken)
                .clientMetadata(Map.of("reason", "resume")));
        assertThat(refreshed.authenticationResult().refreshToken()).as("rotated now, once the function answered")
                .isNotBlank().isNotEqualTo(refreshToken);
        JsonNode event = TriggerRunnerStandIn.calls().get(0).event();
        assertThat(event.path("triggerSource").asText()).isEqualTo("TokenGeneration_RefreshTokens");
        assertThat(event.path("request").path("clientMetadata").toString()).isEqualTo("{\"reason\":\"resume\"}");
    }

    private long count(String sql, String sub) {
        return db.preparedQuery(sql).execute(io.vertx.mutiny.sqlclient.Tuple.of(poolId, java.util.UUID.fromString(sub)))
                .await().indefinitely().iterator().next().getLong(0);
    }
}
