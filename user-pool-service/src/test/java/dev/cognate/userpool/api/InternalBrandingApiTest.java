package dev.cognate.userpool.api;

import dev.cognate.userpool.CognitoIdpClients;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UICustomizationType;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The branding endpoints of the internal API hosted-ui-service reads: effective CSS per client, logos, 404s. */
@QuarkusTest
class InternalBrandingApiTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 1, 2, 3};

    @TestHTTPResource("/")
    URI endpoint;

    private CognitoIdentityProviderClient cognito;
    private String poolId;
    private String clientId;

    @BeforeEach
    void createPoolAndClient() {
        cognito = CognitoIdpClients.operator(endpoint);
        poolId = cognito.createUserPool(r -> r.poolName("internal branding " + System.nanoTime())).userPool().id();
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web")).userPoolClient().clientId();
    }

    @AfterEach
    void close() {
        cognito.close();
    }

    @Test
    void answersThePoolDefaultForAClientWithoutItsOwn() {
        UICustomizationType set = cognito.setUICustomization(r -> r.userPoolId(poolId)
                .css(".submitButton-customizable { background-color: #123456 }").imageFile(SdkBytes.fromByteArray(PNG))).uiCustomization();

        Response response = InternalApi.given().get("/internal/v1/branding/" + clientId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        Map<String, Object> body = response.jsonPath().getMap("$");
        assertThat(body).containsOnlyKeys("userPoolId", "clientId", "css", "cssVersion", "imageContentType", "hasImage")
                .containsEntry("userPoolId", poolId).containsEntry("clientId", "ALL")
                .containsEntry("css", ".submitButton-customizable {\n  background-color: #123456;\n}\n")
                .containsEntry("cssVersion", set.cssVersion()).containsEntry("imageContentType", "image/png")
                .containsEntry("hasImage", true);

        Response image = InternalApi.given().get("/internal/v1/branding/" + clientId + "/image");
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.asByteArray()).isEqualTo(PNG);

        Response level = InternalApi.given().get("/internal/v1/user-pools/" + poolId + "/branding/ALL/image");
        assertThat(level.statusCode()).isEqualTo(200);
        assertThat(level.asByteArray()).isEqualTo(PNG);
        assertThat(InternalApi.given().get("/internal/v1/user-pools/" + poolId + "/branding/" + clientId + "/image").statusCode())
                .as("the client level itself has no logo").isEqualTo(404);
    }

    @Test
    void answersTheClientsOwnCustomizationWithoutALogo() {
        cognito.setUICustomization(r -> r.userPoolId(poolId).imageFile(SdkBytes.fromByteArray(PNG)));
        cognito.setUICustomization(r -> r.userPoolId(poolId).clientId(clientId).css(".label-customizable { color: navy }"));

        Map<String, Object> body = InternalApi.given().get("/internal/v1/branding/" + clientId).jsonPath().getMap("$");

        assertThat(body).containsEntry("clientId", clientId).containsEntry("hasImage", false)
                .containsEntry("css", ".label-customizable {\n  color: navy;\n}\n");
        Response image = InternalApi.given().get("/internal/v1/branding/" + clientId + "/image");
        assertThat(image.statusCode()).isEqualTo(404);
        assertThat(image.jsonPath().getString("__type")).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void answers404ForAnUnknownClientOrAClientWithoutBranding() {
        Response unknown = InternalApi.given().get("/internal/v1/branding/nosuchclient");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.jsonPath().getString("__type")).isEqualTo("ResourceNotFoundException");

        assertThat(InternalApi.given().get("/internal/v1/branding/" + clientId).statusCode()).isEqualTo(404);
        assertThat(InternalApi.given().get("/internal/v1/branding/" + clientId + "/image").statusCode()).isEqualTo(404);
        assertThat(InternalApi.given().get("/internal/v1/user-pools/us-east-1_Nope12345/branding/ALL/image").statusCode()).isEqualTo(404);
    }
}
