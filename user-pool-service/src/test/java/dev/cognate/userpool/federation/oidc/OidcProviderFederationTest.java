package dev.cognate.userpool.federation.oidc;

import dev.cognate.userpool.api.HostedUiApi;
import dev.cognate.userpool.federation.ExternalIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Federated sign-in through a real, certified OpenID Provider ({@code oidc-provider}) upstream: the provider created with
 * the AWS SDK, the start and callback routes called as hosted-ui-service calls them, and a browser (the JDK's HTTP client
 * with cookies) signing in and consenting at the provider in between. Needs Node and {@code npm ci} in
 * {@code src/test/node-oidc-provider}; skipped without them.
 */
@QuarkusTest
@TestProfile(FederationTestProfile.class)
class OidcProviderFederationTest extends FederationFixture {

    private String issuer;

    @BeforeEach
    void upstream() throws Exception {
        assumeTrue(UpstreamOpenIdProvider.available(), "node and src/test/node-oidc-provider/node_modules are needed (npm ci there)");
        issuer = UpstreamOpenIdProvider.issuer();
    }

    private Map<String, String> oidcDetails(String clientId, String secret) {
        Map<String, String> details = new HashMap<>(Map.of("client_id", clientId, "authorize_scopes", "openid email profile",
                "oidc_issuer", issuer, "attributes_request_method", "GET"));
        if (secret != null) {
            details.put("client_secret", secret);
        }
        return details;
    }

    private String corporateClient() {
        return clientFor("Corp", IdentityProviderTypeType.OIDC,
                oidcDetails(UpstreamOpenIdProvider.CONFIDENTIAL_CLIENT, UpstreamOpenIdProvider.CONFIDENTIAL_SECRET), Map.of("email", "email"));
    }

    @Test
    void describeShowsTheEndpointsDiscoveryFoundAndAnUpdateGivingThemBackChangesNothingElse() {
        corporateClient();
        Map<String, String> details = cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp"))
                .identityProvider().providerDetails();

        // what oidc-provider's discovery document names, shown as Cognito's derived, read-only details
        assertThat(details).containsEntry("authorize_url", issuer + "/auth").containsEntry("token_url", issuer + "/token")
                .containsEntry("attributes_url", issuer + "/me").containsEntry("jwks_uri", issuer + "/jwks")
                .containsEntry("attributes_url_add_attributes", "false").containsEntry("oidc_issuer", issuer);
        // a Describe answer given back to Update (as infrastructure tools do): the read-only member is not stored
        var updated = cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp").providerDetails(details))
                .identityProvider();
        assertThat(updated.providerDetails()).isEqualTo(details);
        assertThat(cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")).identityProvider()
                .providerDetails()).isEqualTo(details);
    }

    @Test
    void signsInThroughTheOpenIdProviderWithStateNonceAndPkce() throws Exception {
        String clientId = corporateClient();
        String federationId = newFederationId();
        String location = startedAt(clientId, "Corp", federationId);

        assertThat(location).startsWith(issuer + "/auth?");
        Map<String, String> request = query(location);
        assertThat(request).containsEntry("response_type", "code").containsEntry("client_id", "cognate-confidential")
                .containsEntry("redirect_uri", UpstreamOpenIdProvider.REDIRECT_URI).containsEntry("scope", "openid email profile")
                .containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce", "code_challenge");
        assertThat(request.get("state")).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(request.get("nonce"));
        assertThat(stateKept(request.get("state"))).isTrue();

        Map<String, String> answer = new UpstreamBrowser().signIn(location, "alice");
        assertThat(answer).containsEntry("state", request.get("state")).containsEntry("iss", issuer).containsKey("code");
        int before = recorded.count();
        Response signedIn = callback(clientId, answer, federationId);

        assertThat(signedIn.statusCode()).as(signedIn.asString()).isEqualTo(200);
        assertThat(signedIn.jsonPath().getString("signedIn.username")).isEqualTo("Corp_alice");
        assertThat(signedIn.jsonPath().getString("providerName")).isEqualTo("Corp");
        assertThat(signedIn.jsonPath().getString("federationId")).isEqualTo(federationId);
        assertThat(recorded.count()).isEqualTo(before + 1);
        RecordingFederatedSignIn.Call call = recorded.last();
        assertThat(call.clientId()).isEqualTo(clientId);
        assertThat(call.ipAddress()).isEqualTo("203.0.113.7");
        ExternalIdentity identity = call.identity();
        assertThat(identity.provider().providerName()).isEqualTo("Corp");
        assertThat(identity.provider().userPoolId()).isEqualTo(poolId);
        assertThat(identity.subject()).isEqualTo("alice");
        // the ID token's claims overlaid with userInfo's (oidc-provider puts the email and profile claims only in userInfo)
        assertThat(identity.attributes()).containsEntry("sub", "alice").containsEntry("email", "alice@example.com")
                .containsEntry("email_verified", "true").containsEntry("given_name", "Alice").containsEntry("iss", issuer);
        assertThat(identity.inbound().tokenResponse()).containsKeys("access_token", "id_token").containsEntry("token_type", "Bearer");
        assertThat(identity.inbound().idToken()).containsEntry("sub", "alice").containsEntry("aud", "cognate-confidential")
                .containsEntry("nonce", request.get("nonce"));
        assertThat(identity.inbound().userInfo()).containsEntry("email", "alice@example.com");
        assertThat(stateKept(request.get("state"))).as("the state is used once").isFalse();

        HostedUiApi.assertError(callback(clientId, answer, federationId), 400, "NotAuthorizedException",
                "Invalid state: the sign-in with the identity provider is unknown, expired or already used.");
        assertThat(recorded.count()).as("a replayed answer signs no one in").isEqualTo(before + 1);
    }

    @Test
    void aPublicUpstreamClientSignsInWithoutASecret() throws Exception {
        String clientId = clientFor("Partner", IdentityProviderTypeType.OIDC, oidcDetails(UpstreamOpenIdProvider.PUBLIC_CLIENT, null), Map.of());
        String federationId = newFederationId();
        Map<String, String> answer = new UpstreamBrowser().signIn(startedAt(clientId, "Partner", federationId), "bruno");

        Response signedIn = callback(clientId, answer, federationId);

        assertThat(signedIn.statusCode()).as(signedIn.asString()).isEqualTo(200);
        assertThat(signedIn.jsonPath().getString("signedIn.username")).isEqualTo("Partner_bruno");
    }

    @Test
    void googleIsTheOpenIdProviderThroughTheOverriddenEndpoints() throws Exception {
        String clientId = clientFor("Google", IdentityProviderTypeType.GOOGLE, Map.of("client_id", UpstreamOpenIdProvider.CONFIDENTIAL_CLIENT,
                "client_secret", UpstreamOpenIdProvider.CONFIDENTIAL_SECRET, "authorize_scopes", "openid email"), Map.of("email", "email"));
        String federationId = newFederationId();
        String location = startedAt(clientId, "Google", federationId);
        assertThat(location).startsWith(issuer + "/auth?");
        assertThat(query(location)).containsEntry("scope", "openid email").containsKey("nonce");

        Response signedIn = callback(clientId, new UpstreamBrowser().signIn(location, "gina"), federationId);

        assertThat(signedIn.statusCode()).as(signedIn.asString()).isEqualTo(200);
        assertThat(signedIn.jsonPath().getString("signedIn.username")).isEqualTo("Google_gina");
        assertThat(recorded.last().identity().attributes()).containsEntry("email", "gina@example.com");
    }

    @Test
    void anAnswerRelayedFromAnotherBrowserIsRefusedAndBurnsTheState() throws Exception {
        String clientId = corporateClient();
        String federationId = newFederationId();
        Map<String, String> answer = new UpstreamBrowser().signIn(startedAt(clientId, "Corp", federationId), "carol");
        int before = recorded.count();

        HostedUiApi.assertError(callback(clientId, answer, newFederationId()), 400, "NotAuthorizedException",
                "Invalid state: the sign-in with the identity provider was started elsewhere.");
        HostedUiApi.assertError(callback(clientId, answer, null), 400, "NotAuthorizedException",
                "Invalid state: the sign-in with the identity provider is unknown, expired or already used.");
        HostedUiApi.assertError(callback(clientId, answer, federationId), 400, "NotAuthorizedException",
                "Invalid state: the sign-in with the identity provider is unknown, expired or already used.");
        assertThat(recorded.count()).isEqualTo(before);
    }

    @Test
    void anAnswerForAnotherLoginDomainOrClientIsRefused() throws Exception {
        String clientId = corporateClient();
        String otherClient = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("other")
                .callbackURLs("https://app.example.com/cb").allowedOAuthFlows(software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType.CODE)
                .allowedOAuthScopes("openid").allowedOAuthFlowsUserPoolClient(true).supportedIdentityProviders("Corp")).userPoolClient().clientId();
        String federationId = newFederationId();
        Map<String, String> answer = new UpstreamBrowser().signIn(startedAt(clientId, "Corp", federationId), "dave");
        HostedUiApi.assertError(callback(clientId, answer, federationId, "https://evil.example.com"), 400, "NotAuthorizedException",
                "Invalid state: the sign-in with the identity provider was started elsewhere.");

        String secondFederation = newFederationId();
        Map<String, String> second = new UpstreamBrowser().signIn(startedAt(clientId, "Corp", secondFederation), "dave");
        HostedUiApi.assertError(callback(otherClient, second, secondFederation), 400, "NotAuthorizedException",
                "Invalid state: the sign-in with the identity provider was started elsewhere.");
    }

    @Test
    void unknownAndMissingStatesAreRefused() {
        String clientId = corporateClient();
        HostedUiApi.assertError(callback(clientId, Map.of("code", "abc", "state", FederationStateStore.randomValue()), newFederationId()),
                400, "NotAuthorizedException", "Invalid state: the sign-in with the identity provider is unknown, expired or already used.");
        HostedUiApi.assertError(callback(clientId, Map.of("code", "abc"), newFederationId()),
                400, "InvalidParameterException", "state is required");
        HostedUiApi.assertError(callback(clientId, Map.of("code", "abc", "state", "x".repeat(5000)), newFederationId()),
                400, "NotAuthorizedException", "Invalid state: the sign-in with the identity provider is unknown, expired or already used.");
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() throws Exception {
        String clientId = corporateClient();
        String federationId = newFederationId();
        String location = startedAt(clientId, "Corp", federationId);
        String nonce = query(location).get("nonce");
        // the provider is asked for another nonce than Cognate remembered: its ID token carries that one
        String tampered = location.replace("nonce=" + nonce, "nonce=" + FederationStateStore.randomValue());
        Map<String, String> answer = new UpstreamBrowser().signIn(tampered, "erin");
        int before = recorded.count();

        HostedUiApi.assertError(callback(clientId, answer, federationId), 400, "NotAuthorizedException",
                "Invalid ID token from the identity provider Corp: the nonce is not the one of this sign-in.");
        assertThat(recorded.count()).isEqualTo(before);
    }

    @Test
    void theProvidersErrorRefusesTheSignIn() throws Exception {
        String clientId = corporateClient();
        String federationId = newFederationId();
        String location = startedAt(clientId, "Corp", federationId);
        Map<String, String> answer = new UpstreamBrowser().cancel(location);
        assertThat(answer).containsEntry("error", "access_denied");

        HostedUiApi.assertError(callback(clientId, answer, federationId), 400, "NotAuthorizedException",
                "The identity provider refused the sign-in: access_denied: End-User aborted interaction");
        assertThat(stateKept(query(location).get("state"))).isFalse();
    }

    @Test
    void aWrongClientSecretIsRefusedAtTheTokenEndpoint() throws Exception {
        String clientId = clientFor("Corp", IdentityProviderTypeType.OIDC,
                oidcDetails(UpstreamOpenIdProvider.CONFIDENTIAL_CLIENT, "not-the-secret"), Map.of());
        String federationId = newFederationId();
        Map<String, String> answer = new UpstreamBrowser().signIn(startedAt(clientId, "Corp", federationId), "fred");

        HostedUiApi.assertError(callback(clientId, answer, federationId), 400, "NotAuthorizedException",
                "The identity provider Corp refused the authorization code (invalid_client).");
    }

    @Test
    void anAuthorizationResponseNamingAnotherIssuerIsRefused() throws Exception {
        String clientId = corporateClient();
        String federationId = newFederationId();
        Map<String, String> answer = new HashMap<>(new UpstreamBrowser().signIn(startedAt(clientId, "Corp", federationId), "gus"));
        answer.put("iss", "https://attacker.example.com");

        HostedUiApi.assertError(callback(clientId, answer, federationId), 400, "NotAuthorizedException",
                "Unexpected answer from the identity provider Corp: the authorization response names another issuer.");
    }

    @Test
    void aDiscoveryDocumentOfAnotherIssuerStopsTheStart() {
        String clientId = clientFor("Corp", IdentityProviderTypeType.OIDC, new HashMap<>(Map.of("client_id", "cognate-confidential",
                "authorize_scopes", "openid", "oidc_issuer", issuer + "/", "attributes_request_method", "GET")), Map.of());

        HostedUiApi.assertError(start(clientId, "Corp", newFederationId()), 400, "NotAuthorizedException",
                "The identity provider Corp is misconfigured: its discovery document names another issuer.");
    }
}
