package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.userpool.trigger.TriggerRunnerStandIn;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PreTokenGeneration trigger in its V2_0 event (access token customization), driven by the AWS SDK v2: event version
 * "2" with the access token's scopes; {@code claimsAndScopeOverrideDetails} changing both tokens with string, number,
 * boolean, array and object claims, scopes added and suppressed in the access token's {@code scope} (which then decides
 * what the token may call), groups replaced; Cognito's reserved claims untouched; suppress beating add; malformed
 * answers refused with {@code InvalidLambdaResponseException}.
 */
@QuarkusTest
@ExtendWith(TriggerRunnerStandIn.Running.class)
class PreTokenGenerationV2TriggerTest extends SignInFixture {

    private static final String FUNCTION = "https://functions.example.com/tokens-v2";

    @BeforeEach
    void poolWithVersion2() {
        cognito.updateUserPool(r -> r.userPoolId(poolId)
                .lambdaConfig(l -> l.preTokenGenerationConfig(c -> c.lambdaVersion("V2_0").lambdaArn(FUNCTION))));
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("staff").precedence(1));
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

    @Test
    void theVersion2EventCarriesTheScopesAndTheAnswerShapesBothTokens() throws Exception {
        String sub = createUser("ana", true);
        cognito.adminAddUserToGroup(r -> r.userPoolId(poolId).username("ana").groupName("staff"));
        TriggerRunnerStandIn.answerWith(answering("""
                {"idTokenGeneration": {"claimsToAddOrOverride": {"tenant": {"id": 7, "name": "acme"}, "levels": [1, "two", true],
                                                                 "premium": true, "quota": 12.5, "sub": "forged", "cognito:username": "root"},
                                       "claimsToSuppress": ["email", "iss"]},
                 "accessTokenGeneration": {"claimsToAddOrOverride": {"tenant": "acme", "client_id": "forged", "scope": "admin",
                                                                     "token_use": "id", "dropped": "x"},
                                           "claimsToSuppress": ["username", "dropped"],
                                           "scopesToAdd": ["api/read", "api/write"], "scopesToSuppress": ["api/write"]},
                 "groupOverrideDetails": {"groupsToOverride": ["readers"]}}"""));

        AuthenticationResultType tokens = passwordAuth(clientId, "ana", PASSWORD).authenticationResult();

        JsonNode event = TriggerRunnerStandIn.calls().get(0).event();
        assertThat(event.path("version").asText()).isEqualTo("2");
        assertThat(event.path("triggerSource").asText()).isEqualTo("TokenGeneration_Authentication");
        assertThat(event.path("userName").asText()).isEqualTo("ana");
        assertThat(event.path("callerContext").toString())
                .isEqualTo("{\"awsSdkVersion\":\"aws-sdk-unknown-unknown\",\"clientId\":\"" + clientId + "\"}");
        assertThat(event.path("request").path("userAttributes").path("sub").asText()).isEqualTo(sub);
        assertThat(event.path("request").path("groupConfiguration").toString())
                .isEqualTo("{\"groupsToOverride\":[\"staff\"],\"iamRolesToOverride\":[],\"preferredRole\":null}");
        assertThat(event.path("request").path("scopes").toString()).isEqualTo("[\"aws.cognito.signin.user.admin\"]");
        assertThat(event.path("request").has("clientMetadata")).as("none was sent").isFalse();
        assertThat(event.path("response").toString()).isEqualTo("{\"claimsAndScopeOverrideDetails\":null}");

        JwtClaims id = verify(tokens.idToken(), clientId);
        assertThat(id.getClaimValue("tenant")).isEqualTo(Map.of("id", 7L, "name", "acme"));
        assertThat(id.getClaimValue("levels")).isEqualTo(List.of(1L, "two", true));
        assertThat(id.getClaimValue("premium")).isEqualTo(true);
        assertThat(id.getClaimValue("quota")).isEqualTo(12.5);
        assertThat(id.hasClaim("email")).isFalse();
        assertThat(id.getSubject()).isEqualTo(sub);
        assertThat(id.getStringClaimValue("cognito:username")).isEqualTo("ana");
        assertThat(id.getIssuer()).isEqualTo("http://localhost:8081/" + poolId);
        assertThat(id.getStringListClaimValue("cognito:groups")).containsExactly("readers");

        JwtClaims access = verify(tokens.accessToken(), null);
        assertThat(access.getStringClaimValue("tenant")).isEqualTo("acme");
        assertThat(access.getStringClaimValue("client_id")).isEqualTo(clientId);
        assertThat(access.getStringClaimValue("token_use")).isEqualTo("access");
        assertThat(access.getStringClaimValue("username")).as("reserved: not suppressed").isEqualTo("ana");
        assertThat(access.hasClaim("dropped")).as("suppress beats add").isFalse();
        assertThat(access.getStringClaimValue("scope")).isEqualTo("aws.cognito.signin.user.admin api/read");
        assertThat(access.getStringListClaimValue("cognito:groups")).containsExactly("readers");

        // the access token can still call the self-service API: it kept aws.cognito.signin.user.admin
        assertThat(anonymous.getUser(r -> r.accessToken(tokens.accessToken())).username()).isEqualTo("ana");
    }

    @Test
    void aSuppressedAdminScopeTakesTheSelfServiceApiAway() {
        createUser("bea", true);
        TriggerRunnerStandIn.answerWith(answering("{\"accessTokenGeneration\": {\"scopesToSuppress\": [\"aws.cognito.signin.user.admin\"],"
                + " \"scopesToAdd\": [\"reports/read\"]}}"));

        String accessToken = passwordAuth(clientId, "bea", PASSWORD).authenticationResult().accessToken();

        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(accessToken)))
                .isInstanceOfSatisfying(CognitoIdentityProviderException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotAuthorizedException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Access Token does not have required scopes");
                });
    }

    @Test
    void aVersion1ShapedAnswerChangesNothingInAVersion2Pool() throws Exception {
        createUser("cid", true);
        TriggerRunnerStandIn.answerWith(event -> {
            ObjectNode answer = event.deepCopy();
            ((ObjectNode) answer.get("response")).putObject("claimsOverrideDetails").putObject("claimsToAddOrOverride").put("v1", "yes");
            return Result.answered(answer);
        });

        JwtClaims id = verify(passwordAuth(clientId, "cid", PASSWORD).authenticationResult().idToken(), clientId);

        assertThat(id.hasClaim("v1")).isFalse();
        assertThat(id.getStringClaimValue("email")).isEqualTo("cid@example.com");
    }

    @Test
    void malformedAnswersAreInvalidLambdaResponses() {
        createUser("dag", true);
        for (String details : List.of(
                "{\"idTokenGeneration\": {\"claimsToAddOrOverride\": {\"email_verified\": [true]}}}",
                "{\"idTokenGeneration\": {\"claimsToAddOrOverride\": {\"address\": {\"street\": \"1 Main St\"}}}}",
                "{\"idTokenGeneration\": {\"claimsToAddOrOverride\": {\"nothing\": null}}}",
                "{\"accessTokenGeneration\": {\"scopesToAdd\": [\"api/read api/write\"]}}",
                "{\"accessTokenGeneration\": {\"scopesToAdd\": \"api/read\"}}",
                "{\"accessTokenGeneration\": [\"api/read\"]}",
                "{\"groupOverrideDetails\": {\"groupsToOverride\": [1]}}",
                "\"claims\"")) {
            TriggerRunnerStandIn.answerWith(answering(details));
            assertThatThrownBy(() -> passwordAuth(clientId, "dag", PASSWORD)).as(details)
                    .isInstanceOfSatisfying(CognitoIdentityProviderException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidLambdaResponseException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Unrecognizable lambda output");
                    });
        }
    }
}
