package dev.cognate.userpool.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.userpool.api.HostedUiApi;
import dev.cognate.userpool.trigger.TriggerRunnerStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PreTokenGeneration trigger on {@code /oauth2/token}, called as an OAuth client would (RestAssured): the
 * authorization code grant ({@code TokenGeneration_HostedAuth}) and the refresh ({@code TokenGeneration_RefreshTokens})
 * with the granted scopes in the event and changed in the tokens; a failing function answered as an OAuth error
 * (the function's refusal {@code invalid_grant}, a bad answer {@code server_error}, no answer
 * {@code temporarily_unavailable}) that uses up neither the code nor a rotating refresh token; the client-credentials
 * grant calling only a V3_0 function; the implicit grant's internal endpoint, whose code a failing function leaves redeemable ({@code TokenGeneration_ClientCredentials} with {@code aws_client_metadata}).
 */
@QuarkusTest
@ExtendWith(TriggerRunnerStandIn.Running.class)
class OauthPreTokenGenerationTest extends OauthFlowFixture {

    private static final String FUNCTION = "https://functions.example.com/oauth-tokens";

    private void trigger(String version) {
        cognito.updateUserPool(r -> r.userPoolId(poolId)
                .lambdaConfig(l -> l.preTokenGenerationConfig(c -> c.lambdaVersion(version).lambdaArn(FUNCTION))));
    }

    private static Function<JsonNode, Result> answering(String claimsAndScopeOverrideDetails) {
        return event -> {
            ObjectNode answer = event.deepCopy();
            try {
                ((ObjectNode) answer.get("response")).set("claimsAndScopeOverrideDetails", JSON.readTree(claimsAndScopeOverrideDetails));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Result.answered(answer);
        };
    }

    private static void assertError(Response response, int status, String error, String description) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = json(response);
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("error_description").asText()).isEqualTo(description);
    }

    @Test
    void theCodeGrantRunsTheTriggerAsHostedAuthWithTheGrantedScopes() throws Exception {
        trigger("V2_0");
        UserPoolClientType client = codeClient(false);
        String code = issue(grant(client, List.of("openid", "email", "api/read"), "n-1", CHALLENGE));
        TriggerRunnerStandIn.answerWith(answering("""
                {"idTokenGeneration": {"claimsToAddOrOverride": {"plan": "gold"}},
                 "accessTokenGeneration": {"claimsToAddOrOverride": {"plan": {"name": "gold"}},
                                           "scopesToAdd": ["api/write"], "scopesToSuppress": ["email"]}}"""));

        Response response = redeem(client, code);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonNode event = TriggerRunnerStandIn.calls().get(0).event();
        assertThat(event.path("version").asText()).isEqualTo("2");
        assertThat(event.path("triggerSource").asText()).isEqualTo("TokenGeneration_HostedAuth");
        assertThat(event.path("userName").asText()).isEqualTo("alice");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo(client.clientId());
        assertThat(event.path("request").path("scopes").toString()).isEqualTo("[\"openid\",\"email\",\"api/read\"]");
        assertThat(event.path("request").path("userAttributes").path("custom:tier").asText()).isEqualTo("gold");
        JsonNode body = json(response);
        JwtClaims id = verified(body.path("id_token").asText());
        assertThat(id.getStringClaimValue("plan")).isEqualTo("gold");
        assertThat(id.getStringClaimValue("nonce")).isEqualTo("n-1");
        JwtClaims access = verified(body.path("access_token").asText());
        assertThat(access.getClaimValue("plan")).isEqualTo(Map.of("name", "gold"));
        assertThat(access.getStringClaimValue("scope")).isEqualTo("openid api/read api/write");
    }

    @Test
    void aFailingFunctionIsAnOAuthErrorAndLeavesTheCodeRedeemable() throws Exception {
        trigger("V1_0");
        UserPoolClientType client = codeClient(false);
        String code = issue(grant(client, List.of("openid"), null, CHALLENGE));

        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "subscription lapsed"));
        assertError(redeem(client, code), 400, "invalid_grant", "PreTokenGeneration failed with error subscription lapsed.");
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.INVALID_RESPONSE, "InvalidResponse", "not JSON"));
        assertError(redeem(client, code), 500, "server_error", "Unrecognizable lambda output");
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.NO_ANSWER, "TimeoutError", "no answer"));
        assertError(redeem(client, code), 503, "temporarily_unavailable",
                "PreTokenGeneration invocation failed due to error TimeoutError.");

        TriggerRunnerStandIn.answerWith(Result::answered);
        Response redeemed = redeem(client, code);
        assertThat(redeemed.statusCode()).as(redeemed.asString()).isEqualTo(200);
        assertThat(TriggerRunnerStandIn.calls().get(0).event().path("version").asText()).isEqualTo("1");
        assertThat(redeem(client, code).statusCode()).as("redeemed once, then gone").isEqualTo(400);
    }

    @Test
    void theImplicitGrantRunsAsHostedAuthAndAFailureLeavesItsCodeForAnotherTry() throws Exception {
        trigger("V1_0");
        UserPoolClientType client = codeClient(false, r -> r.allowedOAuthFlows(OAuthFlowType.IMPLICIT));
        String code = issue(grant(client, List.of("openid"), "n-2", null));

        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "no implicit today"));
        Response refused = HostedUiApi.post(client.clientId(), "implicit-tokens", Map.of("code", code));
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
        assertThat(json(refused).path("__type").asText()).isEqualTo("UserLambdaValidationException");
        assertThat(json(refused).path("message").asText()).isEqualTo("PreTokenGeneration failed with error no implicit today.");

        TriggerRunnerStandIn.answerWith(event -> {
            ObjectNode answer = event.deepCopy();
            ((ObjectNode) answer.get("response")).putObject("claimsOverrideDetails").putObject("claimsToAddOrOverride").put("flow", "implicit");
            return Result.answered(answer);
        });
        Response tokens = HostedUiApi.post(client.clientId(), "implicit-tokens", Map.of("code", code));

        assertThat(tokens.statusCode()).as(tokens.asString()).isEqualTo(200);
        assertThat(TriggerRunnerStandIn.calls().get(0).event().path("triggerSource").asText()).isEqualTo("TokenGeneration_HostedAuth");
        assertThat(verified(json(tokens).path("id_token").asText()).getStringClaimValue("flow")).isEqualTo("implicit");
        assertThat(HostedUiApi.post(client.clientId(), "implicit-tokens", Map.of("code", code)).statusCode()).isEqualTo(400);
    }

    @Test
    void aFailedCheckStillUsesTheCodeUpAndCallsNoFunction() {
        trigger("V2_0");
        UserPoolClientType client = codeClient(false);
        String code = issue(grant(client, List.of("openid"), null, CHALLENGE));
        TriggerRunnerStandIn.answerWith(Result::answered);

        Response wrongVerifier = token("grant_type", "authorization_code", "client_id", client.clientId(), "code", code,
                "redirect_uri", CALLBACK, "code_verifier", "x".repeat(43));
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);

        assertThat(redeem(client, code).statusCode()).as("burnt by the failed check, as before").isEqualTo(400);
        assertThat(TriggerRunnerStandIn.calls()).isEmpty();
    }

    @Test
    void theRefreshGrantRunsAsRefreshTokensAndAFailureKeepsTheRotatingToken() throws Exception {
        trigger("V2_0");
        UserPoolClientType client = codeClient(false, r -> r.refreshTokenRotation(rotation -> rotation.feature("ENABLED")));
        TriggerRunnerStandIn.answerWith(Result::answered);
        String refreshToken = json(redeem(client, issue(grant(client, List.of("openid", "api/read"), null, CHALLENGE))))
                .path("refresh_token").asText();

        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "blocked"));
        assertError(token("grant_type", "refresh_token", "client_id", client.clientId(), "refresh_token", refreshToken),
                400, "invalid_grant", "PreTokenGeneration failed with error blocked.");

        TriggerRunnerStandIn.answerWith(answering("{\"accessTokenGeneration\": {\"scopesToSuppress\": [\"api/read\"]}}"));
        Response refreshed = token("grant_type", "refresh_token", "client_id", client.clientId(), "refresh_token", refreshToken);

        assertThat(refreshed.statusCode()).as(refreshed.asString()).isEqualTo(200);
        JsonNode event = TriggerRunnerStandIn.calls().get(0).event();
        assertThat(event.path("triggerSource").asText()).isEqualTo("TokenGeneration_RefreshTokens");
        assertThat(event.path("request").path("scopes").toString()).isEqualTo("[\"openid\",\"api/read\"]");
        assertThat(verified(json(refreshed).path("access_token").asText()).getStringClaimValue("scope")).isEqualTo("openid");
        assertThat(json(refreshed).path("refresh_token").asText()).isNotBlank().isNotEqualTo(refreshToken);
    }

    @Test
    void onlyAVersion3FunctionCustomizesClientCredentialsTokens() throws Exception {
        UserPoolClientType client = machineClient("api/read", "api/write");
        TriggerRunnerStandIn.answerWith(answering("""
                {"idTokenGeneration": {"claimsToAddOrOverride": {"ignored": "yes"}},
                 "accessTokenGeneration": {"claimsToAddOrOverride": {"tenant": "acme", "sub": "forged", "version": 9},
                                           "scopesToSuppress": ["api/write"], "scopesToAdd": ["api/audit"]},
                 "groupOverrideDetails": {"groupsToOverride": ["robots"]}}"""));

        trigger("V2_0");
        JwtClaims plain = verified(json(token(basic(client.clientId(), client.clientSecret()), "grant_type", "client_credentials"))
                .path("access_token").asText());
        assertThat(TriggerRunnerStandIn.calls()).as("V2_0 functions see user tokens only").isEmpty();
        assertThat(plain.hasClaim("tenant")).isFalse();

        trigger("V3_0");
        Response response = token(basic(client.clientId(), client.clientSecret()), "grant_type", "client_credentials",
                "aws_client_metadata", "{\"caller\":\"batch-7\"}");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonNode event = TriggerRunnerStandIn.calls().get(0).event();
        assertThat(event.path("version").asText()).isEqualTo("3");
        assertThat(event.path("triggerSource").asText()).isEqualTo("TokenGeneration_ClientCredentials");
        assertThat(event.path("userName").asText()).isEqualTo(client.clientId());
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo(client.clientId());
        assertThat(event.path("request").path("userAttributes").toString()).isEqualTo("{}");
        assertThat(event.path("request").path("scopes").toString()).isEqualTo("[\"api/read\",\"api/write\"]");
        assertThat(event.path("request").path("clientMetadata").toString()).isEqualTo("{\"caller\":\"batch-7\"}");
        JwtClaims access = verified(json(response).path("access_token").asText());
        assertThat(access.getStringClaimValue("tenant")).isEqualTo("acme");
        assertThat(access.getSubject()).isEqualTo(client.clientId());
        assertThat(access.getClaimValue("version", Long.class)).isEqualTo(2L);
        assertThat(access.getStringClaimValue("scope")).isEqualTo("api/read api/audit");
        assertThat(access.hasClaim("cognito:groups")).isFalse();

        TriggerRunnerStandIn.answerWith(event2 -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "unknown caller"));
        assertError(token(basic(client.clientId(), client.clientSecret()), "grant_type", "client_credentials"),
                400, "invalid_grant", "PreTokenGeneration failed with error unknown caller.");
        assertError(token(basic(client.clientId(), client.clientSecret()), "grant_type", "client_credentials",
                "aws_client_metadata", "[\"caller\"]"), 400, "invalid_request",
                "The parameter aws_client_metadata must be a JSON object of strings.");
    }
}
