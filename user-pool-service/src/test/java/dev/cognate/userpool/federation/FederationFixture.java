package dev.cognate.userpool.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.events.oauth.AuthorizationCode;
import dev.cognate.internalapi.HostedLoginResponses.SignedInUser;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.service.IdentityProviderService;
import io.quarkus.redis.datasource.RedisDataSource;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the federated-user tests start from: a pool (shaped per test class by {@link #poolSettings}) with a domain, an
 * OIDC provider {@code Corp} mapping {@code email}, {@code email_verified}, {@code name}, {@code custom:team} (at most 8
 * characters) and {@code custom:org} (immutable), and an
 * app client of the code flow supporting {@code Corp} and {@code COGNITO}. Sign-ins go through the {@link FederatedSignIn}
 * bean with the {@link ExternalIdentity} a protocol engine would hand it; users are checked with the AWS SDK v2; ID
 * tokens are minted through {@code /oauth2/token} from an authorization code written into Redis as hosted-ui-service
 * writes it, and verified against the pool's JWKS.
 */
abstract class FederationFixture extends CognitoIdpTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CALLBACK = "https://app.example.com/callback";
    static final String IP = "203.0.113.7";
    static final Map<String, String> OIDC_DETAILS = Map.of("client_id", "cognate", "client_secret", "oidc-secret-value",
            "authorize_scopes", "openid email", "oidc_issuer", "https://login.example.com/realms/main", "attributes_request_method", "GET");

    @Inject
    FederatedSignIn federatedSignIn;

    @Inject
    IdentityProviderService providers;

    @Inject
    RedisDataSource redis;

    @Inject
    Pool db;

    CognitoIdentityProviderClient anonymous;
    String poolId;
    String clientId;

    /** The pool's settings beyond its name (a custom attribute {@code team} by default); test classes override. */
    void poolSettings(CreateUserPoolRequest.Builder pool) {
        customAttributes(pool.aliasAttributesWithStrings("email"));
    }

    /** {@code custom:team} (at most 8 characters) and {@code custom:org} (immutable), which {@code Corp} maps. */
    static void customAttributes(CreateUserPoolRequest.Builder pool) {
        pool.schema(s -> s.name("team").attributeDataType("String").mutable(true).stringAttributeConstraints(c -> c.maxLength("8")),
                s -> s.name("org").attributeDataType("String").mutable(false));
    }

    @BeforeEach
    void poolWithAnOidcProvider() {
        anonymous = CognitoIdentityProviderClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create()).build();
        usePool(this::poolSettings);
    }

    /** Makes a new pool with {@code settings}, its domain, provider {@code Corp} and client the test's ({@link #poolId}, {@link #clientId}). */
    void usePool(java.util.function.Consumer<CreateUserPoolRequest.Builder> settings) {
        poolId = cognito.createUserPool(r -> {
            settings.accept(r.poolName("federation " + unique()));
            // the custom attributes the mapping names, whatever else the test's pool has
            java.util.List<software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType> schema =
                    new java.util.ArrayList<>(r.build().schema());
            if (schema.stream().noneMatch(attribute -> "team".equals(attribute.name()))) {
                CreateUserPoolRequest.Builder base = CreateUserPoolRequest.builder();
                FederationFixture.customAttributes(base);
                schema.addAll(base.build().schema());
            }
            r.schema(schema);
        }).userPool().id();
        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain("fed-" + unique()));
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp").providerType(IdentityProviderTypeType.OIDC)
                .providerDetails(OIDC_DETAILS).attributeMapping(mapping()));
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web").supportedIdentityProviders("Corp", "COGNITO")
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid", "email", "profile")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .callbackURLs(CALLBACK)).userPoolClient().clientId();
    }

    /** {@code Corp}'s AttributeMapping. */
    Map<String, String> mapping() {
        return Map.of("email", "email", "email_verified", "email_verified", "name", "name", "custom:team", "team", "custom:org", "org",
                "username", "sub");
    }

    @AfterEach
    void closeAnonymous() {
        anonymous.close();
    }

    IdentityProvider provider(String name) {
        return providers.describeIdentityProvider(poolId, name).await().atMost(Duration.ofSeconds(10));
    }

    SignedInUser signIn(String subject, Map<String, String> attributes) {
        return signIn("Corp", subject, attributes, null);
    }

    SignedInUser signIn(String providerName, String subject, Map<String, String> attributes,
                        ExternalIdentity.InboundFederationAttributes inbound) {
        return federatedSignIn.signIn(clientId, new ExternalIdentity(provider(providerName), subject, attributes, inbound), IP)
                .await().atMost(Duration.ofSeconds(20));
    }

    /** A sign-in that must fail with Cognito's {@code type} and {@code message}. */
    void assertSignInRefused(String subject, Map<String, String> attributes, String type, String message) {
        assertThatThrownBy(() -> signIn(subject, attributes)).isInstanceOfSatisfying(dev.cognate.awsprotocol.CognitoException.class, e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    AdminGetUserResponse user(String username) {
        return cognito.adminGetUser(r -> r.userPoolId(poolId).username(username));
    }

    static String attribute(AdminGetUserResponse user, String name) {
        return user.userAttributes().stream().filter(a -> a.name().equals(name)).map(AttributeType::value).findFirst().orElse(null);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static void assertCognitoError(Runnable call, String type, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CognitoIdentityProviderException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(type);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    /**
     * The ID token of the signed-in user's tokens, as the app gets them: an authorization code written into Redis as
     * hosted-ui-service writes it after the federated sign-in, redeemed at {@code /oauth2/token}, verified against the JWKS.
     */
    JwtClaims idToken(SignedInUser user) throws Exception {
        long now = Instant.now().getEpochSecond();
        AuthorizationCode grant = new AuthorizationCode(poolId, clientId, user.sub(), user.username(), List.of("openid", "email", "profile"),
                CALLBACK, null, null, null, user.authTime(), now, "session-1");
        String code = AuthorizationCode.newCode();
        redis.value(String.class).setex(AuthorizationCode.redisKey(code), 300, grant.toJson());
        String answer = RestAssured.given().contentType("application/x-www-form-urlencoded")
                .body("grant_type=authorization_code&client_id=" + clientId + "&code=" + code + "&redirect_uri="
                        + java.net.URLEncoder.encode(CALLBACK, java.nio.charset.StandardCharsets.UTF_8))
                .post("/oauth2/token").then().statusCode(200).extract().asString();
        JsonNode discovery = json(RestAssured.get("/" + poolId + "/.well-known/openid-configuration").asString());
        JsonWebKeySet keys = new JsonWebKeySet(RestAssured.get(java.net.URI.create(discovery.path("jwks_uri").asText()).getPath()).asString());
        return new JwtConsumerBuilder().setRequireExpirationTime().setExpectedIssuer(discovery.path("issuer").asText())
                .setExpectedAudience(clientId)
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256))
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                .build().processToClaims(json(answer).path("id_token").asText());
    }
}
