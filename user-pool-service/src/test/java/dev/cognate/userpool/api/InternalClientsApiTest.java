package dev.cognate.userpool.api;

import dev.cognate.userpool.CognitoIdpClients;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /internal/v1/clients/{clientId}: the client's and its pool's hosted-UI settings for hosted-ui-service, never its secret. */
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

        Response response = InternalApi.given().get("/internal/v1/clients/" + client.clientId());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        Map<String, Object> body = response.jsonPath().getMap("$");
        assertThat(body).containsOnlyKeys("clientId", "userPoolId", "clientName", "callbackUrls", "logoutUrls",
                "allowedOAuthFlows", "allowedOAuthScopes", "supportedIdentityProviders", "allowedOAuthFlowsUserPoolClient", "hasSecret",
                "preventUserExistenceErrors", "poolName", "usernameAttributes", "autoVerifiedAttributes", "requiredAttributes",
                "allowedFirstAuthFactors", "identityProviders");
        assertThat(body).containsEntry("clientId", client.clientId()).containsEntry("userPoolId", poolId)
                .containsEntry("clientName", "hosted")
                .containsEntry("callbackUrls", List.of("https://app.example.com/cb"))
                .containsEntry("logoutUrls", List.of("https://app.example.com/bye"))
                .containsEntry("allowedOAuthFlows", List.of("code"))
                .containsEntry("allowedOAuthScopes", List.of("openid", "email"))
                .containsEntry("supportedIdentityProviders", List.of("COGNITO"))
                .containsEntry("allowedOAuthFlowsUserPoolClient", true).containsEntry("hasSecret", true)
                .containsEntry("preventUserExistenceErrors", true)
                .containsEntry("allowedFirstAuthFactors", List.of("PASSWORD"))
                // the client supports only COGNITO: no identity provider (their names, types and identifiers only, never details)
                .containsEntry("identityProviders", List.of());
        assertThat(response.asString()).doesNotContain(client.clientSecret());
    }

    @Test
    void describesThePoolsSignInAndSignUpSettingsForThePages() {
        String clientId;
        String poolName = "internal pages " + System.nanoTime();
        try (CognitoIdentityProviderClient cognito = CognitoIdpClients.operator(endpoint)) {
            String poolId = cognito.createUserPool(r -> r.poolName(poolName).usernameAttributes(UsernameAttributeType.EMAIL)
                    .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                    .schema(SchemaAttributeType.builder().name("email").required(true).build(),
                            SchemaAttributeType.builder().name("name").attributeDataType(AttributeDataType.STRING).required(true).build()))
                    .userPool().id();
            clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("legacy")
                    .preventUserExistenceErrors(PreventUserExistenceErrorTypes.LEGACY)).userPoolClient().clientId();
        }

        Map<String, Object> body = InternalApi.given().get("/internal/v1/clients/" + clientId).jsonPath().getMap("$");

        assertThat(body).containsEntry("poolName", poolName)
                .containsEntry("usernameAttributes", List.of("email"))
                .containsEntry("autoVerifiedAttributes", List.of("email"))
                .containsEntry("allowedOAuthFlowsUserPoolClient", false).containsEntry("hasSecret", false)
                .containsEntry("preventUserExistenceErrors", false);
        assertThat(InternalApi.given().get("/internal/v1/clients/" + clientId).jsonPath().getList("requiredAttributes", String.class))
                .containsExactlyInAnyOrder("email", "name");
    }

    @Test
    void answers404ForAnUnknownClient() {
        Response response = InternalApi.given().get("/internal/v1/clients/nosuchclient0000000000000");
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void listsAreEmptyForAClientWithoutOAuthSettings() {
        String clientId;
        try (CognitoIdentityProviderClient cognito = CognitoIdpClients.operator(endpoint)) {
            String poolId = cognito.createUserPool(r -> r.poolName("internal plain " + System.nanoTime())).userPool().id();
            clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("plain")).userPoolClient().clientId();
        }
        Map<String, Object> body = InternalApi.given().get("/internal/v1/clients/" + clientId).jsonPath().getMap("$");
        assertThat(body.get("callbackUrls")).isEqualTo(List.of());
        assertThat(body.get("allowedOAuthFlows")).isEqualTo(List.of());
    }
}
