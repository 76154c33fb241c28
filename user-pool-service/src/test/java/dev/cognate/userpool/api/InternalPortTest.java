package dev.cognate.userpool.api;

import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The internal API is not a public one: its routes answer only on the internal port; on the public port anything under
 * {@code /internal} is a 404 with a JSON error body, and the internal port serves nothing else (not the Cognito API).
 */
@QuarkusTest
class InternalPortTest extends CognitoIdpTest {

    private static void assertNotFound(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getMap("$")).isEqualTo(Map.of("__type", "ResourceNotFoundException", "message", "Not found."));
    }

    @Test
    void thePublicPortAnswers404ToEveryInternalRoute() {
        String poolId = newPool("internal port");
        String clientId = HostedUiApi.hostedClient(cognito, poolId, null);
        assertThat(InternalApi.port()).isNotEqualTo(RestAssured.port);

        assertNotFound(RestAssured.given().contentType(ContentType.JSON).body(Map.of("username", "a", "password", "b"))
                .post("/internal/v1/hosted-ui/clients/{clientId}/sign-in", clientId));
        assertNotFound(RestAssured.get("/internal/v1/clients/" + clientId));
        assertNotFound(RestAssured.get("/internal/v1/branding/" + clientId));
        assertNotFound(RestAssured.get("/internal"));
        assertNotFound(RestAssured.get("/internal/anything/else"));

        assertThat(InternalApi.given().get("/internal/v1/clients/" + clientId).statusCode()).isEqualTo(200);
    }

    @Test
    void theInternalPortServesNothingButTheInternalApi() {
        assertNotFound(InternalApi.given().contentType("application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.ListUserPools").body("{\"MaxResults\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/"));
        assertNotFound(InternalApi.given().get("/q/health/ready"));
        assertNotFound(InternalApi.given().get("/.well-known/jwks.json"));
        assertThat(RestAssured.get("/q/health/live").statusCode()).isEqualTo(200);
    }
}
