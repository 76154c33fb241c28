package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.SignedJson;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmConstraints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedTokenTypeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * API sign-in through the AWS SDK for Java v2 (anonymous credentials for the unauthenticated actions), tokens verified by
 * jose4j against the JWKS fetched over HTTP from the pool's discovery document.
 */
@QuarkusTest
class SignInTest extends CognitoIdpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Correct-Horse-9";

    @Inject
    Pool db;

    @Inject
    RedisDataSource redis;

    @Inject
    dev.cognate.userpool.token.SigningKeys signingKeys;

    private CognitoIdentityProviderClient anonymous;
    private String poolId;
    private String clientId;

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

    private String newClient(List<ExplicitAuthFlowsType> flows, boolean rotation) {
        return cognito.createUserPoolClient(r -> {
            r.userPoolId(poolId).clientName("app-" + unique()).explicitAuthFlows(flows);
            if (rotation) {
                r.refreshTokenRotation(rotate -> rotate.feature("ENABLED"));
            }
        }).userPoolClient().clientId();
    }

    private String createUser(String username, boolean permanent) {
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

    private InitiateAuthResponse passwordAuth(String client, String username, String password) {
        return anonymous.initiateAuth(r -> r.clientId(client).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("_status", response.statusCode());
        return body;
    }

    /** The JWKS as a client finds it: discovery document → jwks_uri (on this test server's port) → keys. */
    private JsonWebKeySet jwks() throws Exception {
        JsonNode discovery = get("/" + poolId + "/.well-known/openid-configuration");
        URI jwksUri = URI.create(discovery.path("jwks_uri").asText());
        JsonNode keys = get(jwksUri.getPath());
        ((com.fasterxml.jackson.databind.node.ObjectNode) keys).remove("_status");
        return new JsonWebKeySet(keys.toString());
    }

    private JwtClaims verify(String token, String audience) throws Exception {
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

    private static String kid(String token) throws Exception {
        return JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
    }

    @Test
    void discoveryAndJwksDescribeThePool() throws Exception {
        JsonNode discovery = get("/" + poolId + "/.well-known/openid-configuration");
        assertThat(discovery.path("_status").asInt()).isEqualTo(200);
        assertThat(discovery.path("issuer").asText()).isEqualTo("http://localhost:8081/" + poolId);
        assertThat(discovery.path("jwks_uri").asText()).isEqualTo("http://localhost:8081/" + poolId + "/.well-known/jwks.json");
        assertThat(discovery.path("token_endpoint").asText()).isEqualTo("http://localhost:8081/oauth2/token");
        assertThat(discovery.path("userinfo_endpoint").asText()).isEqualTo("http://localhost:8081/oauth2/userInfo");
        assertThat(discovery.path("revocation_endpoint").asText()).isEqualTo("http://localhost:8081/oauth2/revoke");
        assertThat(discovery.path("subject_types_supported").toString()).isEqualTo("[\"public\"]");
        assertThat(discovery.path("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");
        assertThat(discovery.path("scopes_supported").toString()).contains("openid");

        JsonNode keys = get("/" + poolId + "/.well-known/jwks.json");
        assertThat(keys.path("keys")).hasSize(1);
        JsonNode key = keys.path("keys").get(0);
        assertThat(key.path("kty").asText()).isEqualTo("RSA");
        assertThat(key.path("alg").asText()).isEqualTo("RS256");
        assertThat(key.path("use").asText()).isEqualTo("sig");
        assertThat(new BigInteger(1, java.util.Base64.getUrlDecoder().decode(key.path("n").asText())).bitLength()).isEqualTo(2048);

        JsonNode missing = get("/us-east-1_Nope12345/.well-known/jwks.json");
        assertThat(missing.path("_status").asInt()).isEqualTo(404);
        assertThat(get("/us-east-1_Nope12345/.well-known/openid-configuration").path("_status").asInt()).isEqualTo(404);
    }

    @Test
    void userPasswordAuthIssuesCognitosTokens() throws Exception {
        String sub = createUser("alice", true);
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("readers").precedence(5).roleArn("arn:aws:iam::000000000000:role/Readers"));
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("admins").precedence(1).roleArn("arn:aws:iam::000000000000:role/Admins"));
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("aaa-no-precedence"));
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("zz-last").precedence(5));
        for (String group : List.of("readers", "admins", "aaa-no-precedence", "zz-last")) {
            cognito.adminAddUserToGroup(r -> r.userPoolId(poolId).username("alice").groupName(group));
        }

        AuthenticationResultType result = passwordAuth(clientId, "alice", PASSWORD).authenticationResult();
        assertThat(result.tokenType()).isEqualTo("Bearer");
        assertThat(result.expiresIn()).isEqualTo(3600);
        assertThat(result.refreshToken()).hasSizeGreaterThanOrEqualTo(43).doesNotContain(".");

        JwtClaims id = verify(result.idToken(), clientId);
        assertThat(id.getSubject()).isEqualTo(sub);
        assertThat(id.getClaimValue("token_use")).isEqualTo("id");
        assertThat(id.getClaimValue("cognito:username")).isEqualTo("alice");
        assertThat(id.getStringListClaimValue("cognito:groups")).containsExactly("admins", "readers", "zz-last", "aaa-no-precedence");
        assertThat(id.getStringListClaimValue("cognito:roles"))
                .containsExactly("arn:aws:iam::000000000000:role/Admins", "arn:aws:iam::000000000000:role/Readers");
        assertThat(id.getClaimValue("cognito:preferred_role")).isEqualTo("arn:aws:iam::000000000000:role/Admins");
        assertThat(id.getClaimValue("email")).isEqualTo("alice@example.com");
        assertThat(id.getClaimValue("email_verified")).isEqualTo(true);
        assertThat(id.getExpirationTime().getValue() - id.getIssuedAt().getValue()).isEqualTo(3600);
        assertThat(id.getClaimsMap().keySet()).contains("origin_jti", "event_id", "auth_time", "jti", "aud", "iss", "exp", "iat");

        JwtClaims access = verify(result.accessToken(), null);
        assertThat(access.getSubject()).isEqualTo(sub);
        assertThat(access.getClaimValue("token_use")).isEqualTo("access");
        assertThat(access.getClaimValue("client_id")).isEqualTo(clientId);
        assertThat(access.getClaimValue("username")).isEqualTo("alice");
        assertThat(access.getClaimValue("scope")).isEqualTo("aws.cognito.signin.user.admin");
        assertThat(access.getStringListClaimValue("cognito:groups")).containsExactly("admins", "readers", "zz-last", "aaa-no-precedence");
        assertThat(access.getAudience()).isEmpty();
        assertThat(access.getClaimValue("origin_jti")).isEqualTo(id.getClaimValue("origin_jti"));
        assertThat(access.getClaimsMap().keySet()).containsExactlyInAnyOrder("sub", "cognito:groups", "iss", "client_id", "origin_jti",
                "event_id", "token_use", "scope", "auth_time", "exp", "iat", "jti", "username");
        assertThat(kid(result.idToken())).isEqualTo(jwks().getJsonWebKeys().get(0).getKeyId());

        assertThat(OutboxRows.forPool(db, poolId, "authFlow")).anyMatch(row -> row.type().equals("cognate.userpool.user.signed_in.v1")
                && "USER_PASSWORD_AUTH".equals(row.subjectOfData()) && row.key().equals(poolId + "/" + sub));
    }

    @Test
    void clientReadAttributesFilterTheIdToken() throws Exception {
        createUser("reader", true);
        String restricted = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("restricted")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .readAttributes("email").accessTokenValidity(2).idTokenValidity(3)
                .tokenValidityUnits(units -> units.accessToken("hours").idToken("hours"))).userPoolClient().clientId();
        AuthenticationResultType result = passwordAuth(restricted, "reader", PASSWORD).authenticationResult();
        JwtClaims id = verify(result.idToken(), restricted);
        assertThat(id.getClaimValue("email")).isEqualTo("reader@example.com");
        assertThat(id.hasClaim("email_verified")).isFalse();
        assertThat(id.getExpirationTime().getValue() - id.getIssuedAt().getValue()).isEqualTo(3 * 3600);
        assertThat(result.expiresIn()).isEqualTo(2 * 3600);
    }

    @Test
    void adminUserPasswordAuthAndLegacyAdminNoSrpAuth() throws Exception {
        createUser("bob", true);
        AdminInitiateAuthResponse response = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "bob", "PASSWORD", PASSWORD)));
        assertThat(verify(response.authenticationResult().idToken(), clientId).getClaimValue("cognito:username")).isEqualTo("bob");

        String legacy = newClient(List.of(ExplicitAuthFlowsType.ADMIN_NO_SRP_AUTH), false);
        AdminInitiateAuthResponse old = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(legacy)
                .authFlow(AuthFlowType.ADMIN_NO_SRP_AUTH).authParameters(Map.of("USERNAME", "bob", "PASSWORD", PASSWORD)));
        assertThat(old.authenticationResult().accessToken()).isNotBlank();

        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "bob", "PASSWORD", PASSWORD))))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("Initiate Auth method not supported.");
    }

    @Test
    void flowsTheClientDoesNotAllowAreRefused() {
        createUser("carol", true);
        String srpOnly = newClient(List.of(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH), false);
        assertThatThrownBy(() -> passwordAuth(srpOnly, "carol", PASSWORD))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("USER_PASSWORD_AUTH flow not enabled for this client");
        assertThatThrownBy(() -> cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(srpOnly)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "carol", "PASSWORD", PASSWORD))))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("ADMIN_USER_PASSWORD_AUTH flow not enabled for this client");
    }

    @Test
    void secretHashIsRequiredForClientsWithASecret() {
        createUser("dave", true);
        var created = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("secret").generateSecret(true)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient();
        assertThatThrownBy(() -> passwordAuth(created.clientId(), "dave", PASSWORD))
                .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("SECRET_HASH was not received");
        String hash = dev.cognate.userpool.service.ClientAuthenticator.secretHash(created.clientSecret(), "dave", created.clientId());
        InitiateAuthResponse response = anonymous.initiateAuth(r -> r.clientId(created.clientId()).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "dave", "PASSWORD", PASSWORD, "SECRET_HASH", hash)));
        assertThat(response.authenticationResult().idToken()).isNotBlank();
    }

    @Test
    void wrongPasswordsAndUnknownUsersAnswerAlike() {
        createUser("erin", true);
        assertThatThrownBy(() -> passwordAuth(clientId, "erin", "Wrong-Pass-1"))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        assertThatThrownBy(() -> passwordAuth(clientId, "nobody", "Wrong-Pass-1"))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");

        String legacy = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("legacy")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .preventUserExistenceErrors(PreventUserExistenceErrorTypes.LEGACY)).userPoolClient().clientId();
        assertThatThrownBy(() -> passwordAuth(legacy, "nobody", "Wrong-Pass-1"))
                .isInstanceOf(UserNotFoundException.class).hasMessageStartingWith("User does not exist.");

        List<OutboxRows.Row> failures = OutboxRows.forPool(db, poolId, "reason").stream()
                .filter(row -> row.type().equals("cognate.userpool.user.sign_in_failed.v1")).toList();
        assertThat(failures).extracting(OutboxRows.Row::subjectOfData).containsExactly("wrong_password", "unknown_user", "unknown_user");
        assertThat(OutboxRows.forPool(db, poolId, "password")).allMatch(row -> row.subjectOfData() == null);
    }

    @Test
    void accountStatesAreRefusedWithCognitosErrors() {
        createUser("disabled", true);
        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("disabled"));
        assertThatThrownBy(() -> passwordAuth(clientId, "disabled", PASSWORD))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("User is disabled.");

        createUser("reset", true);
        cognito.adminResetUserPassword(r -> r.userPoolId(poolId).username("reset"));
        assertThatThrownBy(() -> passwordAuth(clientId, "reset", PASSWORD))
                .isInstanceOf(PasswordResetRequiredException.class).hasMessageStartingWith("Password reset required for the user");

        createUser("unconfirmed", true);
        db.preparedQuery("UPDATE users SET status = 'UNCONFIRMED' WHERE user_pool_id = $1 AND username = 'unconfirmed'")
                .execute(Tuple.of(poolId)).await().indefinitely();
        assertThatThrownBy(() -> passwordAuth(clientId, "unconfirmed", PASSWORD))
                .isInstanceOf(UserNotConfirmedException.class).hasMessageStartingWith("User is not confirmed.");

        createUser("expired", false);
        db.preparedQuery("UPDATE users SET temporary_password_expires_at = now() - interval '1 minute' WHERE user_pool_id = $1 AND username = 'expired'")
                .execute(Tuple.of(poolId)).await().indefinitely();
        assertThatThrownBy(() -> passwordAuth(clientId, "expired", "Temporary-Pass-1"))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Temporary password has expired and must be reset by an administrator.");
    }

    @Test
    void temporaryPasswordLeadsToNewPasswordRequired() throws Exception {
        String sub = createUser("frank", false);
        InitiateAuthResponse challenge = passwordAuth(clientId, "frank", "Temporary-Pass-1");
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        assertThat(challenge.authenticationResult()).isNull();
        assertThat(challenge.session()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(JSON.readTree(challenge.challengeParameters().get("userAttributes")).path("email").asText()).isEqualTo("frank@example.com");
        assertThat(challenge.challengeParameters().get("requiredAttributes")).isEqualTo("[]");
        assertThat(challenge.challengeParameters().get("USER_ID_FOR_SRP")).isEqualTo("frank");

        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(challenge.session()).challengeResponses(Map.of("USERNAME", "frank", "NEW_PASSWORD", "short"))))
                .isInstanceOf(InvalidPasswordException.class);

        // a password the policy refuses leaves the session usable
        InitiateAuthResponse again = challenge;
        RespondToAuthChallengeResponse answered = anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(again.session())
                .challengeResponses(Map.of("USERNAME", "frank", "NEW_PASSWORD", "Brand-New-Pass-2", "userAttributes.given_name", "Frank")));
        JwtClaims id = verify(answered.authenticationResult().idToken(), clientId);
        assertThat(id.getSubject()).isEqualTo(sub);
        assertThat(id.getClaimValue("given_name")).isEqualTo("Frank");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("frank")).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(passwordAuth(clientId, "frank", "Brand-New-Pass-2").authenticationResult()).isNotNull();

        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(again.session()).challengeResponses(Map.of("USERNAME", "frank", "NEW_PASSWORD", "Brand-New-Pass-3"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user, session is expired.");
    }

    @Test
    void adminRespondToAuthChallengeAnswersNewPasswordRequired() throws Exception {
        String sub = createUser("uma", false);
        AdminInitiateAuthResponse challenge = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "uma", "PASSWORD", "Temporary-Pass-1")));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);

        String otherClient = newClient(List.of(ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH), false);
        assertThatThrownBy(() -> cognito.adminRespondToAuthChallenge(r -> r.userPoolId(poolId).clientId(otherClient)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "uma", "NEW_PASSWORD", "Brand-New-Pass-2"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user, session is expired.");

        AdminInitiateAuthResponse again = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "uma", "PASSWORD", "Temporary-Pass-1")));
        var answered = cognito.adminRespondToAuthChallenge(r -> r.userPoolId(poolId).clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(again.session())
                .challengeResponses(Map.of("USERNAME", "uma", "NEW_PASSWORD", "Brand-New-Pass-2")));
        assertThat(verify(answered.authenticationResult().accessToken(), null).getSubject()).isEqualTo(sub);
        assertThatThrownBy(() -> passwordAuth(clientId, "uma", "Temporary-Pass-1"))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
    }

    @Test
    void anExpiredSessionIsRefused() {
        createUser("gina", false);
        InitiateAuthResponse challenge = passwordAuth(clientId, "gina", "Temporary-Pass-1");
        redis.key().del("cognate:auth-session:" + challenge.session());
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(challenge.session()).challengeResponses(Map.of("USERNAME", "gina", "NEW_PASSWORD", "Brand-New-Pass-2"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user, session is expired.");
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session("made-up-session-0123456789").challengeResponses(Map.of("USERNAME", "gina", "NEW_PASSWORD", "Brand-New-Pass-2"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user, session is expired.");
    }

    @Test
    void sessionsLiveForTheClientsAuthSessionValidity() {
        createUser("hank", false);
        String client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("short")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .authSessionValidity(7)).userPoolClient().clientId();
        InitiateAuthResponse challenge = passwordAuth(client, "hank", "Temporary-Pass-1");
        assertThat(redis.key().ttl("cognate:auth-session:" + challenge.session())).isBetween(7 * 60L - 5, 7 * 60L);
    }

    @Test
    void refreshTokenAuthMintsNewTokensInTheSameFamily() throws Exception {
        createUser("ivan", true);
        AuthenticationResultType first = passwordAuth(clientId, "ivan", PASSWORD).authenticationResult();
        InitiateAuthResponse refreshed = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", first.refreshToken())));
        AuthenticationResultType second = refreshed.authenticationResult();
        assertThat(second.refreshToken()).isNull();
        JwtClaims before = verify(first.idToken(), clientId);
        JwtClaims after = verify(second.idToken(), clientId);
        assertThat(after.getClaimValue("origin_jti")).isEqualTo(before.getClaimValue("origin_jti"));
        assertThat(after.getClaimValue("auth_time")).isEqualTo(before.getClaimValue("auth_time"));
        assertThat(after.getJwtId()).isNotEqualTo(before.getJwtId());

        AdminInitiateAuthResponse admin = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH).authParameters(Map.of("REFRESH_TOKEN", first.refreshToken())));
        assertThat(admin.authenticationResult().accessToken()).isNotBlank();

        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", "not-a-refresh-token"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Refresh Token");
        String other = newClient(List.of(ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH), false);
        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(other).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", first.refreshToken()))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Refresh Token");
    }

    @Test
    void rotationReplacesRefreshTokensAndReuseRevokesTheFamily() {
        createUser("jane", true);
        String rotating = newClient(List.of(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH), true);
        AuthenticationResultType first = passwordAuth(rotating, "jane", PASSWORD).authenticationResult();
        AuthenticationResultType second = anonymous.initiateAuth(r -> r.clientId(rotating).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", first.refreshToken()))).authenticationResult();
        assertThat(second.refreshToken()).isNotBlank().isNotEqualTo(first.refreshToken());

        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(rotating).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", first.refreshToken()))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Refresh Token has been revoked");
        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(rotating).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", second.refreshToken()))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Refresh Token has been revoked");
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(second.accessToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Access Token has been revoked");
    }

    @Test
    void getUserAnswersTheTokensUser() {
        String sub = createUser("kate", true);
        AuthenticationResultType tokens = passwordAuth(clientId, "kate", PASSWORD).authenticationResult();
        GetUserResponse user = anonymous.getUser(r -> r.accessToken(tokens.accessToken()));
        assertThat(user.username()).isEqualTo("kate");
        assertThat(user.userAttributes()).anyMatch(a -> a.name().equals("sub") && a.value().equals(sub))
                .anyMatch(a -> a.name().equals("email") && a.value().equals("kate@example.com"));

        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken("garbage")))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Access Token");
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(tokens.idToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Access Token");
        String[] parts = tokens.accessToken().split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(tampered)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Access Token");
    }

    @Test
    void expiredAndForeignAccessTokensAreRefused() throws Exception {
        createUser("liam", true);
        AuthenticationResultType tokens = passwordAuth(clientId, "liam", PASSWORD).authenticationResult();
        JwtClaims claims = JwtClaims.parse(new String(java.util.Base64.getUrlDecoder().decode(tokens.accessToken().split("\\.")[1])));
        claims.setExpirationTimeMinutesInTheFuture(-1);

        dev.cognate.userpool.token.SigningKey poolKey = signingKeys.activeKey(poolId).await().indefinitely();
        String expired = sign(claims, poolKey.kid(), poolKey.privateKey());
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(expired)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Access Token has expired");

        claims.setExpirationTimeMinutesInTheFuture(10);
        String forged = sign(claims, poolKey.kid(), org.jose4j.jwk.RsaJwkGenerator.generateJwk(2048).getPrivateKey());
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(forged)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Access Token");
        String resigned = sign(claims, poolKey.kid(), poolKey.privateKey());
        assertThat(anonymous.getUser(r -> r.accessToken(resigned)).username()).isEqualTo("liam");
    }

    private static String sign(JwtClaims claims, String kid, java.security.PrivateKey key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    @Test
    void revokeTokenRevokesTheFamily() {
        createUser("mona", true);
        AuthenticationResultType tokens = passwordAuth(clientId, "mona", PASSWORD).authenticationResult();
        assertThatThrownBy(() -> anonymous.revokeToken(r -> r.clientId(clientId).token(tokens.accessToken())))
                .isInstanceOf(UnsupportedTokenTypeException.class);
        anonymous.revokeToken(r -> r.clientId(clientId).token(tokens.refreshToken()));
        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken()))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Refresh Token has been revoked");
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(tokens.accessToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Access Token has been revoked");
        // another sign-in is a new family, untouched
        AuthenticationResultType fresh = passwordAuth(clientId, "mona", PASSWORD).authenticationResult();
        assertThat(anonymous.getUser(r -> r.accessToken(fresh.accessToken())).username()).isEqualTo("mona");

        String noRevocation = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("no-revoke").enableTokenRevocation(false)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        String refresh = passwordAuth(noRevocation, "mona", PASSWORD).authenticationResult().refreshToken();
        assertThatThrownBy(() -> anonymous.revokeToken(r -> r.clientId(noRevocation).token(refresh)))
                .hasMessageStartingWith("Token revocation is not enabled for this client.");
    }

    @Test
    void globalSignOutRevokesEverySession() {
        createUser("nina", true);
        AuthenticationResultType one = passwordAuth(clientId, "nina", PASSWORD).authenticationResult();
        AuthenticationResultType two = passwordAuth(clientId, "nina", PASSWORD).authenticationResult();
        anonymous.globalSignOut(r -> r.accessToken(one.accessToken()));
        for (AuthenticationResultType tokens : List.of(one, two)) {
            assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(tokens.accessToken())))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Access Token has been revoked");
            assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken()))))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Refresh Token has been revoked");
        }

        createUser("oscar", true);
        AuthenticationResultType oscar = passwordAuth(clientId, "oscar", PASSWORD).authenticationResult();
        cognito.adminUserGlobalSignOut(r -> r.userPoolId(poolId).username("oscar"));
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(oscar.accessToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Access Token has been revoked");
    }

    @Test
    void fiveWrongPasswordsLockTheUserUntilTheLockPasses() {
        String sub = createUser("pete", true);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> passwordAuth(clientId, "pete", "Wrong-Pass-1"))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        }
        // one counter across the password paths
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                    .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "pete", "PASSWORD", "Wrong-Pass-1"))))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        }
        assertThatThrownBy(() -> passwordAuth(clientId, "pete", PASSWORD))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Password attempts exceeded");
        var row = db.preparedQuery("SELECT failures, locked_until > last_failure_at FROM sign_in_failures WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, UUID.fromString(sub))).await().indefinitely().iterator().next();
        assertThat(row.getInteger(0)).isEqualTo(5);
        assertThat(row.getBoolean(1)).isTrue();

        db.preparedQuery("UPDATE sign_in_failures SET locked_until = now() - interval '1 second' WHERE user_pool_id = $1")
                .execute(Tuple.of(poolId)).await().indefinitely();
        assertThat(passwordAuth(clientId, "pete", PASSWORD).authenticationResult()).isNotNull();
        assertThat(db.preparedQuery("SELECT count(*) FROM sign_in_failures WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getLong(0)).isZero();
        assertThat(OutboxRows.forPool(db, poolId, "reason")).anyMatch(r -> "locked".equals(r.subjectOfData()));
    }

    @Test
    void srpSignInWithTheJavascriptLibrarysAlgorithm() throws Exception {
        String sub = createUser("quinn", true);
        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "quinn", "SRP_A", srp.srpA())));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
        Map<String, String> parameters = challenge.challengeParameters();
        assertThat(parameters).containsKeys("SALT", "SRP_B", "SECRET_BLOCK", "USER_ID_FOR_SRP", "USERNAME");
        assertThat(parameters.get("USER_ID_FOR_SRP")).isEqualTo("quinn");

        RespondToAuthChallengeResponse answered = anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER).session(challenge.session())
                .challengeResponses(answer(srp, parameters, PASSWORD)));
        assertThat(verify(answered.authenticationResult().idToken(), clientId).getSubject()).isEqualTo(sub);
        assertThat(OutboxRows.forPool(db, poolId, "authFlow")).anyMatch(row -> "USER_SRP_AUTH".equals(row.subjectOfData()));

        SrpClient wrong = new SrpClient(poolId);
        InitiateAuthResponse second = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "quinn", "SRP_A", wrong.srpA())));
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER).session(second.session())
                .challengeResponses(answer(wrong, second.challengeParameters(), "Wrong-Pass-1"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        assertThat(db.preparedQuery("SELECT failures FROM sign_in_failures WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getInteger(0)).isEqualTo(1);
    }

    @Test
    void srpAfterAPasswordChangeAndForUnknownUsers() {
        createUser("rita", true);
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("rita").password("Changed-Pass-7").permanent(true));
        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "rita", "SRP_A", srp.srpA())));
        assertThat(anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(challenge.session()).challengeResponses(answer(srp, challenge.challengeParameters(), "Changed-Pass-7")))
                .authenticationResult().accessToken()).isNotBlank();

        SrpClient ghost = new SrpClient(poolId);
        InitiateAuthResponse decoy = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "ghost", "SRP_A", ghost.srpA())));
        assertThat(decoy.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(decoy.session()).challengeResponses(answer(ghost, decoy.challengeParameters(), "Whatever-1"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");

        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "rita", "SRP_A", SrpClient.N.toString(16)))))
                .isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void srpWithATemporaryPasswordLeadsToNewPasswordRequired() {
        createUser("sam", false);
        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "sam", "SRP_A", srp.srpA())));
        RespondToAuthChallengeResponse next = anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER).session(challenge.session())
                .challengeResponses(answer(srp, challenge.challengeParameters(), "Temporary-Pass-1")));
        assertThat(next.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        RespondToAuthChallengeResponse done = anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(next.session())
                .challengeResponses(Map.of("USERNAME", "sam", "NEW_PASSWORD", "Brand-New-Pass-2")));
        assertThat(done.authenticationResult().idToken()).isNotBlank();
    }

    private static Map<String, String> answer(SrpClient srp, Map<String, String> parameters, String password) {
        String userId = parameters.get("USER_ID_FOR_SRP");
        byte[] key = srp.passwordAuthenticationKey(userId, password, new BigInteger(parameters.get("SRP_B"), 16),
                new BigInteger(parameters.get("SALT"), 16));
        String timestamp = SrpClient.now();
        return Map.of("USERNAME", parameters.get("USERNAME"), "PASSWORD_CLAIM_SECRET_BLOCK", parameters.get("SECRET_BLOCK"),
                "TIMESTAMP", timestamp, "PASSWORD_CLAIM_SIGNATURE", srp.signature(key, userId, parameters.get("SECRET_BLOCK"), timestamp));
    }

    @Test
    void concurrentFirstUsesOfAPoolKeepOneSigningKey() {
        String fresh = newPool("first-key");
        List<io.smallrye.mutiny.Uni<String>> uses = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            uses.add(signingKeys.activeKey(fresh).map(dev.cognate.userpool.token.SigningKey::kid)
                    .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()));
        }
        List<String> kids = io.smallrye.mutiny.Uni.join().all(uses).andFailFast().await().indefinitely();
        assertThat(kids).hasSize(6).containsOnly(kids.get(0));
        assertThat(db.preparedQuery("SELECT count(*) FROM signing_keys WHERE user_pool_id = $1").execute(Tuple.of(fresh))
                .await().indefinitely().iterator().next().getLong(0)).isEqualTo(1);
        var sealed = db.preparedQuery("SELECT private_key FROM signing_keys WHERE user_pool_id = $1").execute(Tuple.of(fresh))
                .await().indefinitely().iterator().next().getBuffer(0).toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(sealed).doesNotContain("MII");
    }

    @Test
    void rotatedKeysKeepEarlierTokensValid() throws Exception {
        createUser("tina", true);
        AuthenticationResultType before = passwordAuth(clientId, "tina", PASSWORD).authenticationResult();
        String oldKid = kid(before.idToken());

        var rotated = SignedJson.callTarget(endpoint, "CognateAdmin.RotateSigningKey", "{\"UserPoolId\":\"" + poolId + "\"}");
        assertThat(rotated.statusCode()).isEqualTo(200);
        String newKid = rotated.jsonPath().getString("Kid");
        assertThat(newKid).isNotEqualTo(oldKid);

        assertThat(jwks().getJsonWebKeys()).extracting(key -> key.getKeyId()).containsExactly(newKid, oldKid);
        assertThat(verify(before.idToken(), clientId).getClaimValue("cognito:username")).isEqualTo("tina");
        assertThat(anonymous.getUser(r -> r.accessToken(before.accessToken())).username()).isEqualTo("tina");

        AuthenticationResultType after = passwordAuth(clientId, "tina", PASSWORD).authenticationResult();
        assertThat(kid(after.idToken())).isEqualTo(newKid);
        assertThat(verify(after.accessToken(), null).getSubject()).isNotBlank();

        // once the retention (a day plus skew) has passed, the retired key leaves the JWKS
        db.preparedQuery("UPDATE signing_keys SET retired_at = now() - interval '1 day 6 minutes' WHERE user_pool_id = $1 AND kid = $2")
                .execute(Tuple.of(poolId, oldKid)).await().indefinitely();
        signingKeys.reloadPublishedKeys(poolId).await().indefinitely();
        assertThat(jwks().getJsonWebKeys()).extracting(key -> key.getKeyId()).containsExactly(newKid);
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(before.accessToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Access Token");
    }
}
