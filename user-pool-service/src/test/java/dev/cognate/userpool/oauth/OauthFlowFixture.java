package dev.cognate.userpool.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.events.oauth.AuthorizationCode;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.redis.datasource.RedisDataSource;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the OAuth endpoint tests start from, built with the AWS SDK as an operator would: a pool with a domain, a resource
 * server ({@code api/read}, {@code api/write}), a custom attribute, and a user {@code alice} with email, phone and
 * profile attributes; clients made on demand. Authorization codes are written into Redis exactly as hosted-ui-service
 * writes them ({@code SET key json EX ttl}); the endpoints are called over HTTP with RestAssured.
 */
abstract class OauthFlowFixture extends CognitoIdpTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CALLBACK = "https://app.example.com/callback";
    static final String PASSWORD = "Correct-Horse-9";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final List<String> ALL_SCOPES = List.of("openid", "email", "phone", "profile", "aws.cognito.signin.user.admin",
            "api/read", "api/write");

    @Inject
    RedisDataSource redis;

    String poolId;
    String sub;

    @BeforeEach
    void createPoolWithUser() {
        poolId = cognito.createUserPool(r -> r.poolName("oauth " + unique()).schema(SchemaAttributeType.builder().name("tier")
                .attributeDataType(AttributeDataType.STRING).mutable(true).build())).userPool().id();
        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain("oauth-" + unique()));
        cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("api").name("API").scopes(
                ResourceServerScopeType.builder().scopeName("read").scopeDescription("read").build(),
                ResourceServerScopeType.builder().scopeName("write").scopeDescription("write").build()));
        sub = cognito.adminCreateUser(r -> r.userPoolId(poolId).username("alice").messageAction(MessageActionType.SUPPRESS)
                        .userAttributes(attribute("email", "alice@example.com"), attribute("email_verified", "true"),
                                attribute("phone_number", "+15555550100"), attribute("given_name", "Alice"),
                                attribute("custom:tier", "gold"), attribute("address", "1 Main St")))
                .user().attributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("alice").password(PASSWORD).permanent(true));
    }

    static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    /** A client of the code flow with every scope; {@code secret}: confidential; {@code more} adjusts the request. */
    UserPoolClientType codeClient(boolean secret, Consumer<CreateUserPoolClientRequest.Builder> more) {
        return cognito.createUserPoolClient(r -> {
            r.userPoolId(poolId).clientName("app-" + unique()).generateSecret(secret)
                    .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes(ALL_SCOPES)
                    .callbackURLs(CALLBACK).supportedIdentityProviders("COGNITO")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH);
            more.accept(r);
        }).userPoolClient();
    }

    UserPoolClientType codeClient(boolean secret) {
        return codeClient(secret, r -> { });
    }

    /** A machine-to-machine client: a secret, the client_credentials flow, {@code scopes}. */
    UserPoolClientType machineClient(String... scopes) {
        return cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("m2m-" + unique()).generateSecret(true)
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS)
                .allowedOAuthScopes(scopes)).userPoolClient();
    }

    /** An authorization-code grant for alice, as hosted-ui-service makes one after she signed in. */
    AuthorizationCode grant(UserPoolClientType client, List<String> scopes, String nonce, String challenge) {
        long now = Instant.now().getEpochSecond();
        return new AuthorizationCode(poolId, client.clientId(), sub, "alice", scopes, CALLBACK, nonce, challenge,
                challenge == null ? null : "S256", now - 5, now, "session-1");
    }

    /** Stores {@code grant} under a new code (TTL {@code ttlSeconds}) as hosted-ui-service does; answers the code. */
    String issue(AuthorizationCode grant, long ttlSeconds) {
        String code = AuthorizationCode.newCode();
        redis.value(String.class).setex(AuthorizationCode.redisKey(code), ttlSeconds, grant.toJson());
        return code;
    }

    String issue(AuthorizationCode grant) {
        return issue(grant, 300);
    }

    /** A token request with these form parameters (in order, so duplicates can be sent). */
    static Response token(RequestSpecification request, String... nameValuePairs) {
        return form(request, nameValuePairs).post("/oauth2/token");
    }

    static Response token(String... nameValuePairs) {
        return token(RestAssured.given(), nameValuePairs);
    }

    static RequestSpecification form(RequestSpecification request, String... nameValuePairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(encode(nameValuePairs[i])).append('=').append(encode(nameValuePairs[i + 1]));
        }
        return request.contentType("application/x-www-form-urlencoded").body(body.toString());
    }

    /** HTTP Basic as RFC 6749 §2.3.1 wants it: id and secret each form-urlencoded, then base64. */
    static RequestSpecification basic(String clientId, String secret) {
        String credentials = encode(clientId) + ":" + encode(secret);
        return RestAssured.given().header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Redeems a code of a public client with PKCE: the happy path's request. */
    Response redeem(UserPoolClientType client, String code) {
        return token("grant_type", "authorization_code", "client_id", client.clientId(), "code", code, "redirect_uri", CALLBACK,
                "code_verifier", VERIFIER);
    }

    static JsonNode json(Response response) {
        try {
            return JSON.readTree(response.asString());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.asString(), e);
        }
    }

    /** The discovery document's issuer. */
    String discoveredIssuer() {
        return json(RestAssured.get("/" + poolId + "/.well-known/openid-configuration")).path("issuer").asText();
    }

    /** Verifies {@code token}'s signature against the pool's JWKS found through discovery, and its issuer; answers its claims. */
    JwtClaims verified(String token) throws Exception {
        JsonNode discovery = json(RestAssured.get("/" + poolId + "/.well-known/openid-configuration"));
        String jwksPath = java.net.URI.create(discovery.path("jwks_uri").asText()).getPath();
        JsonWebKeySet keys = new JsonWebKeySet(RestAssured.get(jwksPath).asString());
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setExpectedIssuer(discovery.path("issuer").asText())
                .setSkipDefaultAudienceValidation()
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256))
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                .build()
                .processToClaims(token);
    }
}
