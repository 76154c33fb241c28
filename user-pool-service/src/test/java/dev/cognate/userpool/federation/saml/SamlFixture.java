package dev.cognate.userpool.federation.saml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.testkit.ScriptRun;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.api.InternalApi;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A pool with a SAML provider at the real IdP ({@link SamlIdp}) and an app client supporting it, and the hosted login's
 * side of the internal routes: what hosted-ui-service sends to user-pool-service for a browser.
 */
abstract class SamlFixture extends CognitoIdpTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** A pool without a domain: its login base is hosted-ui-service's own (cognate.hosted-ui.base-url). */
    static final String LOGIN_BASE = "http://localhost:8082";
    static final String PROVIDER = "Okta";
    static SamlIdp idp;

    String poolId;
    String clientId;

    @BeforeAll
    static void startIdp() throws Exception {
        assumeTrue(SamlIdp.available() && ScriptRun.works("node", "--version"), "node and src/test/node-saml-idp/node_modules are needed (npm ci there)");
        idp = SamlIdp.start();
    }

    @AfterAll
    static void stopIdp() {
        if (idp != null) {
            idp.close();
        }
    }

    /** A new pool whose provider {@link #PROVIDER} has these ProviderDetails besides its MetadataURL; the IdP trusts the pool. */
    void poolWithProvider(Map<String, String> details) throws Exception {
        poolId = newPool("saml");
        Map<String, String> all = new HashMap<>(details);
        all.putIfAbsent("MetadataURL", idp.metadataUrl());
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName(PROVIDER).providerType(IdentityProviderTypeType.SAML)
                .providerDetails(all).attributeMapping(Map.of("email", "email", "name", "groups")));
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web").supportedIdentityProviders(PROVIDER)
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid", "email")
                .callbackURLs("https://app.example.com/callback")).userPoolClient().clientId();
        idp.trust(spMetadata());
    }

    String spMetadata() {
        Response response = RestAssured.given().baseUri(endpoint.toString()).get("/" + poolId + "/saml2/metadata");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.asString();
    }

    Response internal(String route, Map<String, Object> body) {
        return InternalApi.given().contentType(ContentType.JSON).body(body)
                .post(InternalRoutes.HOSTED_LOGIN.replace("{clientId}", clientId) + route);
    }

    /** The start of a sign-in for the browser {@code federationId}: the location of the IdP's SSO endpoint. */
    String start(String federationId) {
        Response started = internal(InternalRoutes.FEDERATION_START, Map.of("providerName", PROVIDER, "federationId", federationId,
                "hostedUiBaseUrl", LOGIN_BASE, "ipAddress", "203.0.113.9"));
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(200);
        return started.jsonPath().getString("location");
    }

    /** What the browser posts to /saml2/idpresponse, as hosted-ui-service forwards it. */
    Response post(String samlResponse, String relayState, String federationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("samlResponse", samlResponse);
        body.put("relayState", relayState);
        body.put("federationId", federationId);
        body.put("hostedUiBaseUrl", LOGIN_BASE);
        body.put("ipAddress", "203.0.113.9");
        return internal(InternalRoutes.FEDERATION_SAML_RESPONSE, body);
    }

    /** An SP-initiated round trip through the IdP with this scenario: the pool's answer to the IdP's response. */
    Response signIn(Map<String, Object> scenario) throws Exception {
        String federationId = UUID.randomUUID().toString();
        SamlIdp.Answer answer = idp.signIn(start(federationId), scenario);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return post(answer.text("SAMLResponse"), answer.text("RelayState"), federationId);
    }

    static JsonNode json(Response response) throws Exception {
        return JSON.readTree(response.asString());
    }

    static void assertRefused(Response response, String type, String messagePart) throws Exception {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo("InternalErrorException".equals(type) ? 500 : 400);
        assertThat(json(response).path("__type").asText()).as(response.asString()).isEqualTo(type);
        assertThat(json(response).path("message").asText()).as(response.asString()).contains(messagePart);
        assertThat(response.asString()).doesNotContain("at com.").doesNotContain("at io.");
    }

    void assertNoUser(String username) {
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId(poolId).username(username)))
                .isInstanceOf(UserNotFoundException.class);
    }
}
