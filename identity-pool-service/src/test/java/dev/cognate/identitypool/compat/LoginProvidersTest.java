package dev.cognate.identitypool.compat;

import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.LocalLoginProviders;
import dev.cognate.identitypool.LocalLoginProvidersPortResource;
import dev.cognate.identitypool.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CreateIdentityPoolRequest;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.ExternalServiceException;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;

import java.net.URL;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Logins of the public providers of {@code SupportedLoginProviders} (Google, Apple, Facebook, Login with Amazon) and of
 * an OpenID Connect provider of {@code OpenIdConnectProviderARNs}, through the AWS SDK v2 against real local providers
 * (JWKS, discovery, user-info APIs on a local HTTP server, tokens signed with real keys). Every refusal writes nothing.
 */
@QuarkusTest
class LoginProvidersTest {

    static final String GOOGLE_CLIENT = "123456789012-web.apps.googleusercontent.com";
    static final String APPLE_SERVICE = "com.example.app.signin";
    static final String FACEBOOK_APP = "1234567890123";
    static final String AMAZON_APP = "amzn1.application.0123456789abcdef";
    static final String AMAZON_CLIENT = "amzn1.application-oa2-client.0123456789abcdef";
    static final String AUTH_ROLE = "arn:aws:iam::000000000000:role/FederatedUsers";

    @TestHTTPResource("/")
    URL endpoint;

    @Inject
    AgroalDataSource dataSource;

    LocalLoginProviders providers;
    CognitoIdentityClient operator;
    CognitoIdentityClient anonymous;

    @BeforeEach
    void clients() {
        providers = LocalLoginProviders.get();
        operator = CognitoIdentityClients.operator(endpoint);
        anonymous = CognitoIdentityClients.anonymous(endpoint);
    }

    @AfterEach
    void close() {
        providers.facebookDown(false);
        operator.close();
        anonymous.close();
    }

    String pool(Consumer<CreateIdentityPoolRequest.Builder> providers) {
        return operator.createIdentityPool(r -> {
            r.identityPoolName("providers-" + UUID.randomUUID().toString().substring(0, 8)).allowUnauthenticatedIdentities(false);
            providers.accept(r);
        }).identityPoolId();
    }

    String publicProvidersPool() {
        return pool(r -> r.supportedLoginProviders(Map.of(
                "accounts.google.com", GOOGLE_CLIENT,
                "appleid.apple.com", APPLE_SERVICE,
                "graph.facebook.com", FACEBOOK_APP,
                "www.amazon.com", AMAZON_APP)));
    }

    @Test
    void googleIdTokensLogInWithEitherIssuerFormAndGetCredentials() {
        String pool = publicProvidersPool();
        operator.setIdentityPoolRoles(r -> r.identityPoolId(pool).roles(Map.of("authenticated", AUTH_ROLE)));
        Map<String, String> logins = Map.of("accounts.google.com", providers.googleIdToken(GOOGLE_CLIENT, "110169484474386276334", c -> { }));

        String id = anonymous.getId(r -> r.identityPoolId(pool).logins(logins)).identityId();
        String again = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of("accounts.google.com",
                providers.googleIdToken(GOOGLE_CLIENT, "110169484474386276334", c -> c.put("iss", "accounts.google.com"))))).identityId();
        Credentials credentials = anonymous.getCredentialsForIdentity(r -> r.identityId(id).logins(logins)).credentials();

        assertThat(again).isEqualTo(id);
        assertThat(operator.describeIdentity(r -> r.identityId(id)).logins()).containsExactly("accounts.google.com");
        assertThat(Rows.strings(dataSource, "SELECT subject FROM identity_logins WHERE identity_id = ?", id))
                .containsExactly("110169484474386276334");
        assertThat(credentials.accessKeyId()).startsWith("ASIA");
    }

    @Test
    void invalidGoogleAndAppleTokensAreRefusedAndCreateNothing() {
        String pool = publicProvidersPool();

        assertThat(refusal(pool, "accounts.google.com", providers.googleIdToken("someone-elses-client", "g1", c -> { })))
                .isEqualTo("Invalid login token. Incorrect token audience.");
        assertThat(refusal(pool, "accounts.google.com", providers.googleIdToken(GOOGLE_CLIENT, "g1", c -> c.put("exp", c.get("iat").asLong() - 5))))
                .startsWith("Invalid login token. Token expired: ");
        assertThat(refusal(pool, "accounts.google.com", providers.googleIdToken(GOOGLE_CLIENT, "g1", c -> c.put("iss", "https://evil.example.com"))))
                .isEqualTo("Invalid login token. Issuer doesn't match providerName");
        assertThat(refusal(pool, "accounts.google.com", providers.forgedGoogleIdToken(GOOGLE_CLIENT, "g1")))
                .isEqualTo("Invalid login token. Couldn't verify signed token.");
        assertThat(refusal(pool, "accounts.google.com", providers.appleIdToken(GOOGLE_CLIENT, "g1", c -> c.put("iss", "https://accounts.google.com"))))
                .as("Apple's key is not Google's").isEqualTo("Invalid login token. Couldn't verify signed token.");
        assertThat(refusal(pool, "accounts.google.com", hs256(LocalLoginProviders.claims("https://accounts.google.com", GOOGLE_CLIENT, "g1", c -> { }))))
                .isEqualTo("Invalid login token. Not a valid OpenId Connect identity token.");
        assertThat(refusal(pool, "appleid.apple.com", providers.googleIdToken(APPLE_SERVICE, "a1", c -> { })))
                .isEqualTo("Invalid login token. Issuer doesn't match providerName");
        assertThat(refusal(pool, "appleid.apple.com", "not-a-jwt"))
                .isEqualTo("Invalid login token. Not a valid OpenId Connect identity token.");

        assertNothingWritten(pool);
    }

    @Test
    void appleIdTokensLogIn() {
        String pool = publicProvidersPool();

        String id = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of("appleid.apple.com",
                providers.appleIdToken(APPLE_SERVICE, "001234.abcdef.1234", c -> { })))).identityId();

        assertThat(operator.describeIdentity(r -> r.identityId(id)).logins()).containsExactly("appleid.apple.com");
        assertThat(Rows.strings(dataSource, "SELECT subject FROM identity_logins WHERE identity_id = ?", id)).containsExactly("001234.abcdef.1234");
    }

    @Test
    void facebookAccessTokensAreVerifiedWithTheGraphApi() {
        String pool = publicProvidersPool();

        String id = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of("graph.facebook.com",
                providers.facebookToken(FACEBOOK_APP, "10158000000000001")))).identityId();
        String again = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of("graph.facebook.com",
                providers.facebookToken(FACEBOOK_APP, "10158000000000001")))).identityId();

        assertThat(again).isEqualTo(id);
        assertThat(Rows.strings(dataSource, "SELECT subject FROM identity_logins WHERE identity_id = ?", id)).containsExactly("10158000000000001");
        assertThat(refusal(pool, "graph.facebook.com", providers.facebookToken("999999999", "10158000000000002")))
                .isEqualTo("Invalid login token. Incorrect token audience.");
        assertThat(refusal(pool, "graph.facebook.com", "EAABnever-issued"))
                .isEqualTo("Invalid login token. The Facebook access token is not valid.");
        assertThat(refusal(pool, "graph.facebook.com", "EAAB with spaces"))
                .isEqualTo("Invalid login token. The Facebook access token is not valid.");

        providers.facebookDown(true);
        ExternalServiceException down = catchThrowableOfType(ExternalServiceException.class, () -> anonymous.getId(r -> r.identityPoolId(pool)
                .logins(Map.of("graph.facebook.com", providers.facebookToken(FACEBOOK_APP, "10158000000000003")))));
        assertThat(down.statusCode()).isEqualTo(400);
        assertThat(down.awsErrorDetails().errorMessage()).isEqualTo("Facebook is not responding. Retry the request.");
        assertThat(Rows.count(dataSource, "SELECT 1 FROM identities WHERE identity_pool_id = ?", pool)).isEqualTo(1);
    }

    @Test
    void loginWithAmazonTokensAreVerifiedWithTokenInfoAndProfile() {
        String pool = publicProvidersPool();
        String byClientId = pool(r -> r.supportedLoginProviders(Map.of("www.amazon.com", AMAZON_CLIENT)));

        String id = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of("www.amazon.com",
                providers.amazonToken(AMAZON_CLIENT, AMAZON_APP, "amzn1.account.AF2EXAMPLE")))).identityId();
        String other = anonymous.getId(r -> r.identityPoolId(byClientId).logins(Map.of("www.amazon.com",
                providers.amazonToken(AMAZON_CLIENT, AMAZON_APP, "amzn1.account.AF2EXAMPLE")))).identityId();

        assertThat(Rows.strings(dataSource, "SELECT subject FROM identity_logins WHERE identity_id = ?", id)).containsExactly("amzn1.account.AF2EXAMPLE");
        assertThat(other).isNotEqualTo(id);
        assertThat(refusal(pool, "www.amazon.com", providers.amazonToken("amzn1.application-oa2-client.other", "amzn1.application.other", "amzn1.account.X")))
                .isEqualTo("Invalid login token. Incorrect token audience.");
        assertThat(refusal(pool, "www.amazon.com", "Atza|never-issued"))
                .isEqualTo("Invalid login token. The Login with Amazon access token is not valid.");
        assertThat(refusal(pool, "www.amazon.com", providers.amazonToken(AMAZON_CLIENT, AMAZON_APP, "mismatch-profile")))
                .as("the profile names another user than tokeninfo").isEqualTo("Invalid login token. The Login with Amazon access token is not valid.");
        assertThat(Rows.count(dataSource, "SELECT 1 FROM identities WHERE identity_pool_id = ?", pool)).isEqualTo(1);
    }

    @Test
    void openIdConnectProviderTokensAreVerifiedThroughDiscoveryAndIamsClientIds() {
        String otherProvider = "issuer-without-client-ids.example.com/realms/x";
        String pool = pool(r -> r.openIdConnectProviderARNs(providers.oidcArn(), "arn:aws:iam::000000000000:oidc-provider/" + otherProvider));
        String provider = providers.oidcProviderName();

        String id = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(provider,
                providers.oidcIdToken(LocalLoginProvidersPortResource.OIDC_CLIENT, "oidc-user-1", c -> { })))).identityId();
        String viaOtherClient = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(provider,
                providers.oidcIdToken(LocalLoginProvidersPortResource.OIDC_OTHER_CLIENT, "oidc-user-1", c -> { })))).identityId();

        assertThat(viaOtherClient).isEqualTo(id);
        assertThat(operator.describeIdentity(r -> r.identityId(id)).logins()).containsExactly(provider);
        assertThat(refusal(pool, provider, providers.oidcIdToken("unlisted-client", "oidc-user-2", c -> { })))
                .isEqualTo("Invalid login token. Incorrect token audience.");
        assertThat(refusal(pool, provider, providers.oidcIdToken(LocalLoginProvidersPortResource.OIDC_CLIENT, "oidc-user-2",
                c -> c.put("iss", "https://" + provider))))
                .isEqualTo("Invalid login token. Issuer doesn't match providerName");
        assertThat(refusal(pool, otherProvider, providers.oidcIdToken(LocalLoginProvidersPortResource.OIDC_CLIENT, "oidc-user-2",
                c -> c.put("iss", "http://" + otherProvider))))
                .as("a provider IAM lists no client ids for accepts no token").isEqualTo("Invalid login token. Incorrect token audience.");
        assertThat(Rows.count(dataSource, "SELECT 1 FROM identities WHERE identity_pool_id = ?", pool)).isEqualTo(1);
    }

    @Test
    void providersThePoolDoesNotTrustOrCognateDoesNotVerifyAreRefused() {
        String pool = pool(r -> r.supportedLoginProviders(Map.of("api.twitter.com", "consumer-key", "accounts.google.com", GOOGLE_CLIENT)));

        assertThat(refusal(pool, "api.twitter.com", "token;secret"))
                .isEqualTo("Invalid login token. Logins of 'api.twitter.com' are not supported by Cognate.");
        assertThat(refusal(pool, "appleid.apple.com", providers.appleIdToken(APPLE_SERVICE, "a2", c -> { })))
                .isEqualTo("Token is not from a supported provider of this identity pool.");
        assertThat(refusal(pool, providers.oidcProviderName(), providers.oidcIdToken(LocalLoginProvidersPortResource.OIDC_CLIENT, "o", c -> { })))
                .isEqualTo("Token is not from a supported provider of this identity pool.");
        assertNothingWritten(pool);
    }

    private void assertNothingWritten(String pool) {
        assertThat(Rows.count(dataSource, "SELECT 1 FROM identities WHERE identity_pool_id = ?", pool)).isZero();
        assertThat(Rows.count(dataSource, "SELECT 1 FROM outbox WHERE message_key = ?", pool)).isEqualTo(1);
    }

    /** A token "signed" with a shared secret: what a forger would try against a verifier that trusts the header's alg. */
    private static String hs256(com.fasterxml.jackson.databind.node.ObjectNode claims) {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\",\"kid\":\"google-1\"}".getBytes());
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(claims.toString().getBytes());
        return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
    }

    private String refusal(String pool, String provider, String token) {
        return catchThrowableOfType(NotAuthorizedException.class,
                () -> anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(provider, token)))).awsErrorDetails().errorMessage();
    }
}
