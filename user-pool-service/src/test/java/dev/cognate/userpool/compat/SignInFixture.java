package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.jwa.AlgorithmConstraints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * What the sign-in and token tests share: a pool with a client allowing every password flow, an anonymous SDK client for
 * the unauthenticated actions, users with a known password, and tokens verified by jose4j against the JWKS fetched over
 * HTTP from the pool's discovery document.
 */
abstract class SignInFixture extends CognitoIdpTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "Correct-Horse-9";

    @Inject
    Pool db;

    @Inject
    RedisDataSource redis;

    @Inject
    dev.cognate.userpool.token.SigningKeys signingKeys;

    CognitoIdentityProviderClient anonymous;
    String poolId;
    String clientId;

    @BeforeEach
    void createPoolAndClient() {
        anonymous = CognitoIdentityProviderClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create()).build();
        poolId = newPool("sign-in");
        clientId = newClient(List.of(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH,
                ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH), false);
    }

    @AfterEach
    void closeAnonymous() {
        anonymous.close();
    }

    String newClient(List<ExplicitAuthFlowsType> flows, boolean rotation) {
        return cognito.createUserPoolClient(r -> {
            r.userPoolId(poolId).clientName("app-" + unique()).explicitAuthFlows(flows);
            if (rotation) {
                r.refreshTokenRotation(rotate -> rotate.feature("ENABLED"));
            }
        }).userPoolClient().clientId();
    }

    String createUser(String username, boolean permanent) {
        String sub = cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS)
                        .temporaryPassword("Temporary-Pass-1")
                        .userAttributes(AttributeType.builder().name("email").value(username + "@example.com").build(),
                                AttributeType.builder().name("email_verified").value("true").build()))
                .user().attributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
        if (permanent) {
            cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
        }
        return sub;
    }

    InitiateAuthResponse passwordAuth(String client, String username, String password) {
        return anonymous.initiateAuth(r -> r.clientId(client).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("_status", response.statusCode());
        return body;
    }

    /** The JWKS as a client finds it: discovery document → jwks_uri (on this test server's port) → keys. */
    JsonWebKeySet jwks() throws Exception {
        JsonNode discovery = get("/" + poolId + "/.well-known/openid-configuration");
        URI jwksUri = URI.create(discovery.path("jwks_uri").asText());
        JsonNode keys = get(jwksUri.getPath());
        ((com.fasterxml.jackson.databind.node.ObjectNode) keys).remove("_status");
        return new JsonWebKeySet(keys.toString());
    }

    JwtClaims verify(String token, String audience) throws Exception {
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setExpectedIssuer("http://localhost:8081/" + poolId)
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256))
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks().getJsonWebKeys()));
        builder = audience == null ? builder.setSkipDefaultAudienceValidation() : builder.setExpectedAudience(audience);
        JwtConsumer consumer = builder.build();
        return consumer.processToClaims(token);
    }

    static String kid(String token) throws Exception {
        return JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
    }

    /** The PASSWORD_VERIFIER answer amazon-cognito-identity-js computes for {@code password} ({@link SrpClient}). */
    static Map<String, String> answer(SrpClient srp, Map<String, String> parameters, String password) {
        String userId = parameters.get("USER_ID_FOR_SRP");
        byte[] key = srp.passwordAuthenticationKey(userId, password, new BigInteger(parameters.get("SRP_B"), 16),
                new BigInteger(parameters.get("SALT"), 16));
        String timestamp = SrpClient.now();
        return Map.of("USERNAME", parameters.get("USERNAME"), "PASSWORD_CLAIM_SECRET_BLOCK", parameters.get("SECRET_BLOCK"),
                "TIMESTAMP", timestamp, "PASSWORD_CLAIM_SIGNATURE", srp.signature(key, userId, parameters.get("SECRET_BLOCK"), timestamp));
    }
}
