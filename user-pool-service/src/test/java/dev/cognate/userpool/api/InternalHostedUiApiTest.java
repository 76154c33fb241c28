package dev.cognate.userpool.api;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.compat.OutboxRows;
import dev.cognate.userpool.service.ClientAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthEventType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EventResponseType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.cognate.userpool.api.HostedUiApi.assertError;
import static dev.cognate.userpool.api.HostedUiApi.assertRefused;
import static dev.cognate.userpool.api.HostedUiApi.post;
import static dev.cognate.userpool.api.HostedUiApi.postRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hosted login's sign-in through the internal API (sign-in, respond-to-challenge): the sign-in engine of the API —
 * its password checks, lockout, account states, challenges and events — without SECRET_HASH and whatever the client's
 * ExplicitAuthFlows, but only for clients set up for the hosted login.
 */
@QuarkusTest
class InternalHostedUiApiTest extends CognitoIdpTest {

    private static final String PASSWORD = "Correct-Horse-9";
    private static final String TEMPORARY = "Temporary-Pass-1";
    private static final String BROWSER_IP = "203.0.113.7";

    @Inject
    Pool db;

    private CognitoIdentityProviderClient anonymous;
    private String poolId;
    private String clientId;

    @BeforeEach
    void createPoolAndHostedClient() {
        anonymous = CognitoIdpClients.anonymous(endpoint);
        poolId = cognito.createUserPool(r -> r.poolName("hosted " + unique()).schema(SchemaAttributeType.builder().name("name")
                .attributeDataType(AttributeDataType.STRING).required(true).mutable(true).build())).userPool().id();
        clientId = HostedUiApi.hostedClient(cognito, poolId, null);
    }

    @AfterEach
    void closeAnonymous() {
        anonymous.close();
    }

    private String createUser(String username, boolean permanent) {
        String sub = cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS)
                        .temporaryPassword(TEMPORARY).userAttributes(attribute("email", username + "@example.com"),
                                attribute("email_verified", "true"), attribute("name", username)))
                .user().attributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
        if (permanent) {
            cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
        }
        return sub;
    }

    /** A user who lacks the required {@code name}, as one created before the attribute was required would. */
    private void dropName(String username) {
        db.preparedQuery("UPDATE users SET attributes = attributes - 'name' WHERE user_pool_id = $1 AND username = $2")
                .execute(Tuple.of(poolId, username)).await().indefinitely();
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private static Response signIn(String client, String username, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("ipAddress", BROWSER_IP);
        return post(client, "sign-in", body);
    }

    private static Response newPassword(String client, String session, String username, String password, Map<String, String> attributes) {
        Map<String, String> responses = new HashMap<>();
        responses.put("USERNAME", username);
        responses.put("NEW_PASSWORD", password);
        attributes.forEach((name, value) -> responses.put("userAttributes." + name, value));
        return post(client, "respond-to-challenge", Map.of("challengeName", "NEW_PASSWORD_REQUIRED", "session", session,
                "responses", responses, "ipAddress", BROWSER_IP));
    }

    /** Whether the step answered the signed-in user (the end of the sign-in). */
    private static boolean signedIn(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath().getMap("signedIn") != null;
    }

    /** A client the API sign-in may use (USER_PASSWORD_AUTH), in the same pool. */
    private String apiClient() {
        return cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("api")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH)).userPoolClient().clientId();
    }

    private List<AuthEventType> events(String username) {
        return cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username(username)).authEvents();
    }

    @Test
    void signsInWithThePasswordAloneAndRecordsTheSignIn() {
        String sub = createUser("alice", true);
        long before = Instant.now().getEpochSecond();

        Response response = signIn(clientId, "alice", PASSWORD);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        Map<String, Object> body = response.jsonPath().getMap("$");
        assertThat(body).containsOnlyKeys("signedIn");
        assertThat(response.jsonPath().getMap("signedIn")).containsOnlyKeys("sub", "username", "authTime")
                .containsEntry("sub", sub).containsEntry("username", "alice");
        assertThat(response.jsonPath().getLong("signedIn.authTime")).isBetween(before, Instant.now().getEpochSecond());

        assertThat(events("alice")).singleElement().satisfies(event -> {
            assertThat(event.eventTypeAsString()).isEqualTo("SignIn");
            assertThat(event.eventResponse()).isEqualTo(EventResponseType.PASS);
            assertThat(event.eventContextData().ipAddress()).isEqualTo(BROWSER_IP);
        });
        assertThat(OutboxRows.forPool(db, poolId, "authFlow"))
                .filteredOn(row -> row.type().equals(UserPoolEvents.USER_SIGNED_IN.name()))
                .singleElement().satisfies(row -> assertThat(row.subjectOfData()).isEqualTo("HOSTED_UI"));
        assertThat(OutboxRows.forPool(db, poolId, "password")).allMatch(row -> row.subjectOfData() == null);
    }

    @Test
    void wrongPasswordsAndUnknownUsersAnswerAlikeUnlessTheClientIsLegacy() {
        createUser("bob", true);

        Response wrong = signIn(clientId, "bob", "Wrong-Pass-1");
        Response unknown = signIn(clientId, "nobody", PASSWORD);

        assertError(wrong, 400, "NotAuthorizedException", "Incorrect username or password.");
        assertError(unknown, 400, "NotAuthorizedException", "Incorrect username or password.");
        assertThat(unknown.asString()).isEqualTo(wrong.asString());

        String legacy = HostedUiApi.hostedClient(cognito, poolId, PreventUserExistenceErrorTypes.LEGACY);
        assertError(signIn(legacy, "nobody", PASSWORD), 400, "UserNotFoundException", "User does not exist.");
        assertError(signIn(legacy, "bob", "Wrong-Pass-1"), 400, "NotAuthorizedException", "Incorrect username or password.");
        assertThat(OutboxRows.forPool(db, poolId, "reason")).filteredOn(row -> row.type().equals(UserPoolEvents.USER_SIGN_IN_FAILED.name()))
                .extracting(OutboxRows.Row::subjectOfData).containsExactly("wrong_password", "unknown_user", "unknown_user", "wrong_password");
    }

    @Test
    void fiveWrongPasswordsLockTheUserHereAndInInitiateAuthAlike() {
        createUser("carol", true);
        String api = apiClient();
        for (int attempt = 0; attempt < 3; attempt++) {
            assertError(signIn(clientId, "carol", "Wrong-Pass-1"), 400, "NotAuthorizedException", "Incorrect username or password.");
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(api).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", "carol", "PASSWORD", "Wrong-Pass-1")))).isInstanceOf(NotAuthorizedException.class);
        }

        assertError(signIn(clientId, "carol", PASSWORD), 400, "NotAuthorizedException", "Password attempts exceeded");
        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(api).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "carol", "PASSWORD", PASSWORD))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Password attempts exceeded");

        db.preparedQuery("UPDATE sign_in_failures SET locked_until = now() - interval '1 second' WHERE user_pool_id = $1")
                .execute(Tuple.of(poolId)).await().indefinitely();
        assertThat(signedIn(signIn(clientId, "carol", PASSWORD))).isTrue();
    }

    @Test
    void disabledUnconfirmedAndResetRequiredUsersGetCognitosErrors() {
        createUser("disabled", true);
        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("disabled"));
        assertError(signIn(clientId, "disabled", PASSWORD), 400, "NotAuthorizedException", "User is disabled.");

        createUser("unconfirmed", true);
        db.preparedQuery("UPDATE users SET status = 'UNCONFIRMED' WHERE user_pool_id = $1 AND username = 'unconfirmed'")
                .execute(Tuple.of(poolId)).await().indefinitely();
        assertError(signIn(clientId, "unconfirmed", PASSWORD), 400, "UserNotConfirmedException", "User is not confirmed.");

        createUser("reset", true);
        cognito.adminResetUserPassword(r -> r.userPoolId(poolId).username("reset"));
        assertError(signIn(clientId, "reset", PASSWORD), 400, "PasswordResetRequiredException", "Password reset required for the user");

        assertThat(events("disabled")).singleElement().satisfies(event -> assertThat(event.eventResponse()).isEqualTo(EventResponseType.FAIL));
    }

    @Test
    void aTemporaryPasswordNeedsANewPasswordAndTheMissingRequiredAttributes() {
        String sub = createUser("dave", false);
        dropName("dave");

        Response challenge = signIn(clientId, "dave", TEMPORARY);

        assertThat(challenge.statusCode()).as(challenge.asString()).isEqualTo(200);
        assertThat(challenge.jsonPath().getMap("$")).containsOnlyKeys("challengeName", "session", "parameters")
                .containsEntry("challengeName", "NEW_PASSWORD_REQUIRED");
        assertThat(challenge.jsonPath().getMap("parameters")).containsOnlyKeys("USER_ID_FOR_SRP", "userAttributes", "requiredAttributes")
                .containsEntry("USER_ID_FOR_SRP", "dave").containsEntry("requiredAttributes", "[\"userAttributes.name\"]");
        String session = challenge.jsonPath().getString("session");

        assertError(newPassword(clientId, session, "dave", "Brand-New-Pass-2", Map.of()), 400, "InvalidParameterException",
                "Invalid attributes given, name is missing");
        assertRefused(newPassword(clientId, session, "dave", "short", Map.of("name", "Dave")), "InvalidPasswordException");

        Response signedIn = newPassword(clientId, session, "dave", "Brand-New-Pass-2", Map.of("name", "Dave"));

        assertThat(signedIn.statusCode()).as(signedIn.asString()).isEqualTo(200);
        assertThat(signedIn(signedIn)).isTrue();
        assertThat(signedIn.jsonPath().getMap("signedIn")).containsEntry("sub", sub).containsEntry("username", "dave");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("dave")).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertError(newPassword(clientId, session, "dave", "Brand-New-Pass-3", Map.of("name", "Dave")), 400, "NotAuthorizedException",
                "Invalid session for the user, session is expired.");
        assertThat(signedIn(signIn(clientId, "dave", "Brand-New-Pass-2"))).isTrue();
        assertThat(events("dave")).extracting(AuthEventType::eventTypeAsString).containsExactly("SignIn", "SignIn", "PasswordChange");
        assertThat(events("dave")).allSatisfy(event -> assertThat(event.eventContextData().ipAddress()).isEqualTo(BROWSER_IP));
    }

    @Test
    void aHostedSessionServesOnlyItsClientsNewPasswordStep() {
        createUser("erin", false);
        dropName("erin");
        String otherHosted = HostedUiApi.hostedClient(cognito, poolId, null);
        String api = apiClient();

        String first = signIn(clientId, "erin", TEMPORARY).jsonPath().getString("session");
        assertError(newPassword(otherHosted, first, "erin", "Brand-New-Pass-2", Map.of("name", "Erin")), 400,
                "NotAuthorizedException", "Invalid session for the user, session is expired.");

        // RespondToAuthChallenge of the very client, with its SECRET_HASH, refuses the hosted session all the same
        String secretHash = ClientAuthenticator.secretHash(cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId))
                .userPoolClient().clientSecret(), "erin", clientId);
        String second = signIn(clientId, "erin", TEMPORARY).jsonPath().getString("session");
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(second)
                .challengeResponses(Map.of("USERNAME", "erin", "SECRET_HASH", secretHash, "NEW_PASSWORD", "Brand-New-Pass-2",
                        "userAttributes.name", "Erin"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user, session is expired.");
        String third = signIn(clientId, "erin", TEMPORARY).jsonPath().getString("session");
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(api)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(third)
                .challengeResponses(Map.of("USERNAME", "erin", "NEW_PASSWORD", "Brand-New-Pass-2", "userAttributes.name", "Erin"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user, session is expired.");

        // and the hosted login never answers a session the API opened
        String apiSession = anonymous.initiateAuth(r -> r.clientId(api).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "erin", "PASSWORD", TEMPORARY))).session();
        assertError(newPassword(api, apiSession, "erin", "Brand-New-Pass-2", Map.of("name", "Erin")), 400,
                "InvalidParameterException", "Client is not enabled for OAuth");
        assertError(newPassword(clientId, apiSession, "erin", "Brand-New-Pass-2", Map.of("name", "Erin")), 400,
                "NotAuthorizedException", "Invalid session for the user, session is expired.");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("erin")).userStatus())
                .isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
    }

    @Test
    void clientsNotSetUpForTheHostedLoginAreRefused() {
        createUser("frank", true);
        assertError(signIn("nosuchclient0000000000000", "frank", PASSWORD), 404, "ResourceNotFoundException",
                "User pool client nosuchclient0000000000000 does not exist.");

        String plain = apiClient();
        assertError(signIn(plain, "frank", PASSWORD), 400, "InvalidParameterException", "Client is not enabled for OAuth");

        String withoutCognito = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("no-cognito")
                .callbackURLs("https://app.example.com/cb").allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid")
                .allowedOAuthFlowsUserPoolClient(true)).userPoolClient().clientId();
        assertError(signIn(withoutCognito, "frank", PASSWORD), 400, "InvalidParameterException",
                "The client does not support the COGNITO identity provider");
        assertError(post(withoutCognito, "forgot-password", Map.of("username", "frank")), 400, "InvalidParameterException",
                "The client does not support the COGNITO identity provider");
        assertThat(events("frank")).isEmpty();
    }

    @Test
    void malformedBodiesAreInvalidParameterExceptionsNeverServerErrors() {
        createUser("gina", true);
        assertError(postRaw(clientId, "sign-in", "{not json"), 400, "InvalidParameterException", "The request body is not valid JSON.");
        assertError(postRaw(clientId, "sign-in", ""), 400, "InvalidParameterException", "The request body must be a JSON object.");
        assertError(postRaw(clientId, "sign-in", "null"), 400, "InvalidParameterException", "The request body must be a JSON object.");
        assertError(postRaw(clientId, "sign-in", "[1]"), 400, "InvalidParameterException", "Unexpected value type for member 'request'.");
        assertError(postRaw(clientId, "sign-in", "{\"username\": 5, \"password\": \"x\"}"), 400, "InvalidParameterException",
                "Unexpected value type for member 'username'.");
        assertError(postRaw(clientId, "sign-in", "{\"username\": \"gina\"}"), 400, "InvalidParameterException",
                "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null");
        assertError(postRaw(clientId, "respond-to-challenge", "{\"challengeName\": \"NEW_PASSWORD_REQUIRED\", \"responses\": {}}"), 400,
                "InvalidParameterException",
                "1 validation error detected: Value null at 'session' failed to satisfy constraint: Member must not be null");
        assertRefused(postRaw(clientId, "sign-up", "{\"username\": \"x\", \"password\": \"Sign-up#Pass1\", \"attributes\": {\"email\": 1}}"),
                "InvalidParameterException");
        assertRefused(postRaw(clientId, "confirm-sign-up", "{\"username\": \"gina\"}"), "InvalidParameterException");
        assertRefused(postRaw(clientId, "confirm-forgot-password", "{\"username\": \"gina\", \"code\": \"123456\"}"),
                "InvalidParameterException");
        assertRefused(postRaw(clientId, "resend-code", "{}"), "InvalidParameterException");
        assertThat(events("gina")).isEmpty();
    }
}
