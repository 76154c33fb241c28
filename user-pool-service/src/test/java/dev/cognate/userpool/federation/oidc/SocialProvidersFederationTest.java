package dev.cognate.userpool.federation.oidc;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import dev.cognate.testkit.TestInfrastructure;
import dev.cognate.userpool.MovableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.userpool.api.HostedUiApi;
import dev.cognate.userpool.api.InternalApi;
import io.restassured.http.ContentType;
import dev.cognate.userpool.federation.ExternalIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Facebook, Login with Amazon and Sign in with Apple with their real protocols, against a JDK stand-in
 * ({@link SocialProviderStandIn}) that Cognate reaches through the {@code cognate.federation.<provider>.*} overrides: the
 * Graph API's {@code /me} with the mapped fields and {@code appsecret_proof}, Amazon's profile API, Apple's ES256 JWT
 * client secret (verified by the stand-in as Apple does) and {@code form_post} with the first sign-in's {@code user}.
 */
@QuarkusTest
@TestProfile(FederationTestProfile.class)
class SocialProvidersFederationTest extends FederationFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MovableClock clock;

    private SocialProviderStandIn providers;

    @BeforeEach
    void standIn() throws Exception {
        providers = SocialProviderStandIn.get();
    }

    @Test
    void facebookSignsInThroughTheGraphApiWithTheMappedFields() {
        String clientId = clientFor("Facebook", IdentityProviderTypeType.FACEBOOK, Map.of("client_id", SocialProviderStandIn.FACEBOOK_APP,
                        "client_secret", SocialProviderStandIn.FACEBOOK_SECRET, "authorize_scopes", "public_profile, email"),
                Map.of("email", "email", "name", "name", "given_name", "first_name"));
        String federationId = newFederationId();
        String location = startedAt(clientId, "Facebook", federationId);

        assertThat(location).startsWith(FederationTestProfile.standIn() + "/facebook/dialog/oauth?");
        Map<String, String> request = query(location);
        assertThat(request).containsEntry("scope", "public_profile,email").containsEntry("client_id", SocialProviderStandIn.FACEBOOK_APP)
                .containsEntry("redirect_uri", UpstreamOpenIdProvider.REDIRECT_URI).containsEntry("code_challenge_method", "S256")
                .doesNotContainKey("nonce");

        Response signedIn = callback(clientId, providers.authorize("facebook", location, "10223344556677", "fiona@example.com", null), federationId);

        assertThat(signedIn.statusCode()).as(signedIn.asString()).isEqualTo(200);
        assertThat(signedIn.jsonPath().getString("signedIn.username")).isEqualTo("Facebook_10223344556677");
        ExternalIdentity identity = recorded.last().identity();
        assertThat(identity.subject()).isEqualTo("10223344556677");
        assertThat(identity.attributes()).containsEntry("id", "10223344556677").containsEntry("email", "fiona@example.com")
                .containsEntry("name", "Fiona Book").containsEntry("first_name", "Fiona").doesNotContainKey("last_name");
        URI me = providers.userRequests.get(providers.userRequests.size() - 1);
        assertThat(query(me.toString())).containsEntry("fields", "id,email,first_name,name").containsKey("appsecret_proof");
        assertThat(providers.tokenRequests.get(providers.tokenRequests.size() - 1))
                .containsEntry("client_secret", SocialProviderStandIn.FACEBOOK_SECRET).containsKey("code_verifier");
    }

    @Test
    void describeShowsTheEndpointsCognateCallsAsReadOnlyDetails() {
        clientFor("Facebook", IdentityProviderTypeType.FACEBOOK, Map.of("client_id", SocialProviderStandIn.FACEBOOK_APP,
                "client_secret", SocialProviderStandIn.FACEBOOK_SECRET, "authorize_scopes", "email"), Map.of());
        Map<String, String> details = cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("Facebook"))
                .identityProvider().providerDetails();
        assertThat(details).containsEntry("authorize_url", FederationTestProfile.standIn() + "/facebook/dialog/oauth")
                .containsEntry("token_url", FederationTestProfile.standIn() + "/facebook/oauth/access_token")
                .containsEntry("attributes_url", FederationTestProfile.standIn() + "/facebook/me?fields=")
                .containsEntry("attributes_url_add_attributes", "true").containsEntry("token_request_method", "POST")
                .containsEntry("client_id", SocialProviderStandIn.FACEBOOK_APP).doesNotContainKey("oidc_issuer");

        // given back to Update, or sent with other values, the endpoints are not taken: Cognate calls its configured ones
        java.util.Map<String, String> edited = new java.util.HashMap<>(details);
        edited.put("token_url", "https://elsewhere.example.com/token");
        assertThat(cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName("Facebook").providerDetails(edited))
                .identityProvider().providerDetails()).isEqualTo(details);

        clientFor("SignInWithApple", IdentityProviderTypeType.SIGN_IN_WITH_APPLE, Map.of("client_id", "com.example.app",
                "team_id", "TEAM123456", "key_id", "KEY1234567", "private_key", "-----BEGIN PRIVATE KEY-----x", "authorize_scopes", "email"), Map.of());
        assertThat(cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("SignInWithApple")).identityProvider()
                .providerDetails()).containsEntry("oidc_issuer", FederationTestProfile.standIn() + "/apple")
                .containsEntry("token_url", FederationTestProfile.standIn() + "/apple/auth/token")
                .containsEntry("attributes_url_add_attributes", "false").doesNotContainKey("attributes_url");
    }

    @Test
    void loginWithAmazonSignsInThroughTheProfileApi() {
        String clientId = clientFor("LoginWithAmazon", IdentityProviderTypeType.LOGIN_WITH_AMAZON, Map.of("client_id", SocialProviderStandIn.AMAZON_CLIENT,
                "client_secret", SocialProviderStandIn.AMAZON_SECRET, "authorize_scopes", "profile postal_code"), Map.of("email", "email"));
        String federationId = newFederationId();
        String location = startedAt(clientId, "LoginWithAmazon", federationId);
        assertThat(query(location)).containsEntry("scope", "profile postal_code").doesNotContainKey("nonce");

        Response signedIn = callback(clientId, providers.authorize("amazon", location, "amzn1.account.AFAKEID", "amy@example.com", null), federationId);

        assertThat(signedIn.statusCode()).as(signedIn.asString()).isEqualTo(200);
        assertThat(signedIn.jsonPath().getString("signedIn.username")).isEqualTo("LoginWithAmazon_amzn1.account.AFAKEID");
        assertThat(recorded.last().identity().attributes()).containsEntry("user_id", "amzn1.account.AFAKEID")
                .containsEntry("email", "amy@example.com").containsEntry("postal_code", "98109");
        assertThat(recorded.last().identity().inbound().tokenResponse()).containsEntry("refresh_token", "Atzr|refresh");
    }

    @Test
    void aRefusedCodeIsRefused() {
        String clientId = clientFor("LoginWithAmazon", IdentityProviderTypeType.LOGIN_WITH_AMAZON, Map.of("client_id", SocialProviderStandIn.AMAZON_CLIENT,
                "client_secret", SocialProviderStandIn.AMAZON_SECRET, "authorize_scopes", "profile"), Map.of());
        String federationId = newFederationId();
        Map<String, String> answer = providers.authorize("amazon", startedAt(clientId, "LoginWithAmazon", federationId), "amzn1.account.X", "x@example.com", null);
        answer.put("code", "a-code-amazon-never-issued");

        HostedUiApi.assertError(callback(clientId, answer, federationId), 400, "NotAuthorizedException",
                "The identity provider LoginWithAmazon refused the authorization code (invalid_grant).");
    }

    @Test
    void signInWithAppleSendsAJwtClientSecretAndReadsTheFormPostedName() throws Exception {
        KeyPair teamKey = ecKey();
        providers.appleClientKey = new ECKey.Builder(Curve.P_256, (ECPublicKey) teamKey.getPublic()).build();
        String clientId = clientFor("SignInWithApple", IdentityProviderTypeType.SIGN_IN_WITH_APPLE, appleDetails(teamKey),
                Map.of("email", "email", "given_name", "firstName", "family_name", "lastName"));
        String federationId = newFederationId();
        String location = startedAt(clientId, "SignInWithApple", federationId);

        assertThat(location).startsWith(SocialProviderStandIn.appleIssuer() + "/auth/authorize?");
        assertThat(query(location)).containsEntry("response_mode", "form_post").containsEntry("scope", "email name")
                .containsEntry("client_id", SocialProviderStandIn.APPLE_CLIENT).containsKey("nonce");

        Response signedIn = callback(clientId, providers.authorize("apple", location, "001234.abcdef.0987", "ada@privaterelay.example",
                "{\"name\":{\"firstName\":\"Ada\",\"lastName\":\"Apple\"},\"email\":\"ada@privaterelay.example\"}"), federationId);

        assertThat(signedIn.statusCode()).as(signedIn.asString()).isEqualTo(200);
        assertThat(signedIn.jsonPath().getString("signedIn.username")).isEqualTo("SignInWithApple_001234.abcdef.0987");
        ExternalIdentity identity = recorded.last().identity();
        assertThat(identity.attributes()).containsEntry("email", "ada@privaterelay.example").containsEntry("email_verified", "true")
                .containsEntry("firstName", "Ada").containsEntry("lastName", "Apple").containsEntry("name", "Ada Apple");
        assertThat(identity.inbound().idToken()).containsEntry("sub", "001234.abcdef.0987");

        // a later sign-in has no user parameter: the name is simply not there
        String again = newFederationId();
        Response second = callback(clientId, providers.authorize("apple", startedAt(clientId, "SignInWithApple", again),
                "001234.abcdef.0987", "ada@privaterelay.example", null), again);
        assertThat(second.statusCode()).as(second.asString()).isEqualTo(200);
        assertThat(recorded.last().identity().attributes()).doesNotContainKeys("firstName", "name");
    }

    @Test
    void appleRefusesAClientSecretSignedWithAnotherKey() throws Exception {
        providers.appleClientKey = new ECKey.Builder(Curve.P_256, (ECPublicKey) ecKey().getPublic()).build();
        String clientId = clientFor("SignInWithApple", IdentityProviderTypeType.SIGN_IN_WITH_APPLE, appleDetails(ecKey()), Map.of());
        String federationId = newFederationId();
        Map<String, String> answer = providers.authorize("apple", startedAt(clientId, "SignInWithApple", federationId), "001", "a@example.com", null);

        HostedUiApi.assertError(callback(clientId, answer, federationId), 400, "NotAuthorizedException",
                "The identity provider SignInWithApple refused the authorization code (invalid_client).");
    }

    @Test
    void aClientThatNoLongerSupportsTheProviderIsRefusedAtTheCallback() {
        String clientId = clientFor("LoginWithAmazon", IdentityProviderTypeType.LOGIN_WITH_AMAZON, Map.of("client_id", SocialProviderStandIn.AMAZON_CLIENT,
                "client_secret", SocialProviderStandIn.AMAZON_SECRET, "authorize_scopes", "profile"), Map.of());
        String federationId = newFederationId();
        Map<String, String> answer = providers.authorize("amazon", startedAt(clientId, "LoginWithAmazon", federationId), "amzn1.account.GONE", "g@example.com", null);
        cognito.updateUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId).callbackURLs("https://app.example.com/cb")
                .allowedOAuthFlows(software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType.CODE).allowedOAuthScopes("openid")
                .allowedOAuthFlowsUserPoolClient(true).supportedIdentityProviders("COGNITO"));
        int before = recorded.count();

        HostedUiApi.assertError(callback(clientId, answer, federationId), 400, "InvalidParameterException",
                "The client does not support the identity provider LoginWithAmazon");
        assertThat(recorded.count()).isEqualTo(before);
    }

    @Test
    void badRequestsAreRefusedWithTheirReason() throws Exception {
        String clientId = clientFor("LoginWithAmazon", IdentityProviderTypeType.LOGIN_WITH_AMAZON, Map.of("client_id", SocialProviderStandIn.AMAZON_CLIENT,
                "client_secret", SocialProviderStandIn.AMAZON_SECRET, "authorize_scopes", "profile"), Map.of());
        HostedUiApi.assertError(raw(clientId, InternalRoutes.FEDERATION_OIDC_CALLBACK, "{\"parameters\": {\"state\": \"x\""), 400,
                "InvalidParameterException", "The request body is not valid JSON.");
        HostedUiApi.assertError(raw(clientId, InternalRoutes.FEDERATION_OIDC_CALLBACK, "{\"parameters\": [1]}"), 400,
                "InvalidParameterException", "Unexpected value type for member 'parameters'.");
        HostedUiApi.assertError(raw(clientId, InternalRoutes.FEDERATION_OIDC_CALLBACK, "{\"parameters\": {\"state\": 5}}"), 400,
                "InvalidParameterException", "Unexpected value type for member 'state'.");
        HostedUiApi.assertError(raw(clientId, InternalRoutes.FEDERATION_START, JSON.writeValueAsString(Map.of("providerName", "LoginWithAmazon",
                        "federationId", newFederationId(), "hostedUiBaseUrl", "javascript:alert(1)"))), 400,
                "InvalidParameterException", "hostedUiBaseUrl must be an http or https URL without query or fragment");
        HostedUiApi.assertError(callback("nosuchclient0000000000000a", Map.of("state", "x", "code", "y"), newFederationId()), 400,
                "NotAuthorizedException", "Invalid state: the sign-in with the identity provider is unknown, expired or already used.");
    }

    @Test
    void aStateOlderThanItsLifetimeIsRefused() {
        String clientId = clientFor("LoginWithAmazon", IdentityProviderTypeType.LOGIN_WITH_AMAZON, Map.of("client_id", SocialProviderStandIn.AMAZON_CLIENT,
                "client_secret", SocialProviderStandIn.AMAZON_SECRET, "authorize_scopes", "profile"), Map.of());
        String federationId = newFederationId();
        Map<String, String> answer = providers.authorize("amazon", startedAt(clientId, "LoginWithAmazon", federationId),
                "amzn1.account.LATE", "late@example.com", null);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        try {
            HostedUiApi.assertError(callback(clientId, answer, federationId), 400, "NotAuthorizedException",
                    "Invalid state: the sign-in with the identity provider is unknown, expired or already used.");
        } finally {
            clock.reset();
        }
    }

    @Test
    void losingRedisFailsClosed() {
        String clientId = clientFor("LoginWithAmazon", IdentityProviderTypeType.LOGIN_WITH_AMAZON, Map.of("client_id", SocialProviderStandIn.AMAZON_CLIENT,
                "client_secret", SocialProviderStandIn.AMAZON_SECRET, "authorize_scopes", "profile"), Map.of());
        String federationId = newFederationId();
        Map<String, String> answer = providers.authorize("amazon", startedAt(clientId, "LoginWithAmazon", federationId),
                "amzn1.account.REDIS", "r@example.com", null);
        int before = recorded.count();

        TestInfrastructure.stopRedis();
        try {
            HostedUiApi.assertError(callback(clientId, answer, federationId), 400, "NotAuthorizedException",
                    "Invalid state: the sign-in with the identity provider is unknown, expired or already used.");
            Response start = start(clientId, "LoginWithAmazon", newFederationId());
            assertThat(start.statusCode()).as("no state kept, no redirect: " + start.asString()).isEqualTo(500);
            assertThat(start.jsonPath().getString("__type")).isEqualTo("InternalErrorException");
            assertThat(start.jsonPath().getString("location")).isNull();
        } finally {
            TestInfrastructure.startRedis();
        }
        assertThat(recorded.count()).isEqualTo(before);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(start(clientId, "LoginWithAmazon", newFederationId()).statusCode()).isEqualTo(200));
    }

    private static Response raw(String clientId, String route, String body) {
        return InternalApi.given().contentType(ContentType.JSON).body(body).post(InternalRoutes.HOSTED_LOGIN + route, clientId);
    }

    private static Map<String, String> appleDetails(KeyPair teamKey) {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(teamKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----";
        return Map.of("client_id", SocialProviderStandIn.APPLE_CLIENT, "team_id", SocialProviderStandIn.APPLE_TEAM,
                "key_id", SocialProviderStandIn.APPLE_KEY_ID, "private_key", pem, "authorize_scopes", "email name");
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
