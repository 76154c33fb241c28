package dev.cognate.userpool.api;

import dev.cognate.userpool.CognitoIdpClients;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /internal/v1/clients/{clientId}: the client's hosted-UI settings for hosted-ui-service, never its secret. */
@QuarkusTest
class InternalClientsApiTest {

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void returnsTheFieldsHostedUiReadsWithoutTheSecret() {
        UserPoolClientType client;
        String poolId;
        try (CognitoIdentityProviderClient cognito = CognitoIdpClients.operator(endpoint)) {
            poolId = cognito.createUserPool(r -> r.poolName("internal " + System.nanoTime())).userPool().id();
            client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("hosted").generateSecret(true)
                    .callbackURLs("https://app.example.com/cb").logoutURLs("https://app.example.com/bye")
                    .allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid", "email").allowedOAuthFlowsUserPoolClient(true)
                    .supportedIdentityProviders("COGNITO")).userPoolClient();
        }

        Response response = RestAssured.get("/internal/v1/clients/" + client.clientId());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        Map<String, Object> body = response.jsonPath().getMap("$");
        assertThat(body).containsOnlyKeys("clientId", "userPoolId", "clientName", "callbackUrls", "logoutUrls",
                "allowedOAuthFlows", "allowedOAuthScopes", "supportedIdentityProviders");
        assertThat(body).containsEntry("clientId", client.clientId()).containsEntry("userPoolId", poolId)
                .containsEntry("clientName", "hosted")
                .containsEntry("callbackUrls", List.of("https://app.example.com/cb"))
                .containsEntry("logoutUrls", List.of("https://app.example.com/bye"))
                .containsEntry("allowedOAuthFlows", List.of("code"))
                .containsEntry("allowedOAuthScopes", List.of("openid", "email"))
                .containsEntry("supportedIdentityProviders", List.of("COGNITO"));
        assertThat(response.asString()).doesNotContain(client.clientSecret());
    }

    @Test
    void answers404ForAnUnknownClient() {
        Response response = RestAssured.get("/internal/v1/clients/nosuchclient0000000000000");
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void listsAreEmptyForAClientWithoutOAuthSettings() {
        String clientId;
        try (CognitoIdentityProviderClient cognito = CognitoIdpClients.operator(endpoint)) {
            String poolId = cognito.createUserPool(r -> r.poolName("internal plain " + System.nanoTime())).userPool().id();
            clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("plain")).userPoolClient().clientId();
        }
        Map<String, Object> body = RestAssured.get("/internal/v1/clients/" + clientId).jsonPath().getMap("$");
        assertThat(body.get("callbackUrls")).isEqualTo(List.of());
        assertThat(body.get("allowedOAuthFlows")).isEqualTo(List.of());
    }
}
