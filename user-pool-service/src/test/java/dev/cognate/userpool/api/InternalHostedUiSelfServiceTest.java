package dev.cognate.userpool.api;

import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.compat.Mailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthEventType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EventResponseType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EventType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.util.List;
import java.util.Map;

import static dev.cognate.userpool.api.HostedUiApi.assertError;
import static dev.cognate.userpool.api.HostedUiApi.assertRefused;
import static dev.cognate.userpool.api.HostedUiApi.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hosted login's self-service pages through the internal API: sign-up, confirmation, resent codes and password
 * recovery — codes read from the messages the pool put on cognate.messages, as a user finds them in their mail.
 */
@QuarkusTest
class InternalHostedUiSelfServiceTest extends CognitoIdpTest {

    private static final String PASSWORD = "Sign-up#Pass1";
    private static final Map<String, String> EMAIL_DELIVERY = Map.of("Destination", "a***@e***", "DeliveryMedium", "EMAIL",
            "AttributeName", "email");

    @Inject
    Pool db;

    private String poolId;
    private String clientId;

    @BeforeEach
    void createPoolAndHostedClient() {
        poolId = cognito.createUserPool(r -> r.poolName("hosted-self " + unique()).autoVerifiedAttributes(VerifiedAttributeType.EMAIL))
                .userPool().id();
        clientId = HostedUiApi.hostedClient(cognito, poolId, null);
    }

    private Response signUp(String client, String username, String password, String email) {
        return post(client, "sign-up", Map.of("username", username, "password", password, "attributes", Map.of("email", email),
                "ipAddress", "198.51.100.4"));
    }

    private List<AuthEventType> events(String username) {
        return cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username(username)).authEvents();
    }

    private void setCodesExpired() {
        db.preparedQuery("UPDATE verification_codes SET expires_at = now() - interval '1 second' WHERE user_pool_id = $1")
                .execute(Tuple.of(poolId)).await().indefinitely();
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    @Test
    void signsUpConfirmsWithTheMailedCodeAndThenSignsIn() {
        Response signedUp = signUp(clientId, "alice", PASSWORD, "alice@example.com");

        assertThat(signedUp.statusCode()).as(signedUp.asString()).isEqualTo(200);
        String sub = cognito.adminGetUser(r -> r.userPoolId(poolId).username("alice")).userAttributes().stream()
                .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
        assertThat(signedUp.jsonPath().getMap("$")).containsEntry("userConfirmed", false).containsEntry("userSub", sub)
                .containsEntry("codeDeliveryDetails", EMAIL_DELIVERY);
        String code = Mailbox.latest(db, poolId, "alice@example.com").code();

        assertError(post(clientId, "confirm-sign-up", Map.of("username", "alice", "code", wrong(code))), 400, "CodeMismatchException",
                "Invalid verification code provided, please try again.");
        setCodesExpired();
        assertError(post(clientId, "confirm-sign-up", Map.of("username", "alice", "code", code)), 400, "ExpiredCodeException",
                "Invalid code provided, please request a code again.");

        Response resent = post(clientId, "resend-code", Map.of("username", "alice", "ipAddress", "198.51.100.5"));
        assertThat(resent.statusCode()).as(resent.asString()).isEqualTo(200);
        assertThat(resent.jsonPath().getMap("$")).containsExactlyEntriesOf(Map.of("codeDeliveryDetails", EMAIL_DELIVERY));
        String fresh = Mailbox.latest(db, poolId, "alice@example.com").code();

        Response confirmed = post(clientId, "confirm-sign-up", Map.of("username", "alice", "code", fresh));
        assertThat(confirmed.statusCode()).as(confirmed.asString()).isEqualTo(200);
        assertThat(confirmed.asString()).isEqualTo("{}");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("alice")).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(post(clientId, "sign-in", Map.of("username", "alice", "password", PASSWORD)).jsonPath().getString("signedIn.username"))
                .isNotNull();

        List<AuthEventType> events = events("alice");
        assertThat(events).extracting(AuthEventType::eventType).containsExactly(EventType.SIGN_IN, EventType.RESEND_CODE, EventType.SIGN_UP);
        assertThat(events).extracting(AuthEventType::eventResponse).containsOnly(EventResponseType.PASS);
        assertThat(events.get(2).eventContextData().ipAddress()).isEqualTo("198.51.100.4");
        assertThat(events.get(1).eventContextData().ipAddress()).as("resend-code records the browser's address").isEqualTo("198.51.100.5");
        assertThat(Mailbox.rawMessages(db, poolId)).noneMatch(raw -> raw.contains(PASSWORD) || raw.contains("\"" + fresh + "\""));
    }

    @Test
    void refusesWeakPasswordsTakenUsernamesAndAnswersNoDeliveryWithoutAutoVerification() {
        assertRefused(signUp(clientId, "bob", "weak", "bob@example.com"), "InvalidPasswordException");
        assertThat(signUp(clientId, "bob", PASSWORD, "bob@example.com").statusCode()).isEqualTo(200);
        assertError(signUp(clientId, "bob", PASSWORD, "bob2@example.com"), 400, "UsernameExistsException", "User already exists");

        String quietPool = cognito.createUserPool(r -> r.poolName("hosted-quiet " + unique())).userPool().id();
        String quietClient = HostedUiApi.hostedClient(cognito, quietPool, null);
        Response quiet = signUp(quietClient, "carol", PASSWORD, "carol@example.com");
        assertThat(quiet.statusCode()).as(quiet.asString()).isEqualTo(200);
        assertThat(quiet.jsonPath().getMap("$")).containsKey("codeDeliveryDetails");
        assertThat(quiet.jsonPath().getMap("codeDeliveryDetails")).isNull();
        assertError(post(quietClient, "resend-code", Map.of("username", "carol")), 400, "InvalidParameterException",
                "Cannot resend codes. Auto verification not turned on.");
    }

    @Test
    void unknownUsersAreHiddenUnlessTheClientIsLegacy() {
        Response resent = post(clientId, "resend-code", Map.of("username", "nobody"));
        assertThat(resent.statusCode()).as(resent.asString()).isEqualTo(200);
        assertThat(resent.jsonPath().getString("codeDeliveryDetails.DeliveryMedium")).isEqualTo("EMAIL");
        assertThat(post(clientId, "forgot-password", Map.of("username", "nobody")).statusCode()).isEqualTo(200);
        assertError(post(clientId, "confirm-forgot-password", Map.of("username", "nobody", "code", "123456", "password", "New-Horse-10")),
                400, "CodeMismatchException", "Invalid verification code provided, please try again.");
        assertThat(Mailbox.codes(db, poolId)).isEmpty();

        String legacy = HostedUiApi.hostedClient(cognito, poolId, PreventUserExistenceErrorTypes.LEGACY);
        assertError(post(legacy, "resend-code", Map.of("username", "nobody")), 400, "UserNotFoundException",
                "Username/client id combination not found.");
        assertError(post(legacy, "forgot-password", Map.of("username", "nobody")), 400, "UserNotFoundException",
                "Username/client id combination not found.");
    }

    @Test
    void resetsAForgottenPasswordWithTheMailedCode() {
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("dave").messageAction(MessageActionType.SUPPRESS).userAttributes(
                AttributeType.builder().name("email").value("dave@example.com").build(),
                AttributeType.builder().name("email_verified").value("true").build()));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("dave").password("Old-pass#1234").permanent(true));

        Response forgot = post(clientId, "forgot-password", Map.of("username", "dave"));

        assertThat(forgot.statusCode()).as(forgot.asString()).isEqualTo(200);
        assertThat(forgot.jsonPath().getMap("codeDeliveryDetails")).isEqualTo(Map.of("Destination", "d***@e***", "DeliveryMedium", "EMAIL",
                "AttributeName", "email"));
        Mailbox.Message mail = Mailbox.latest(db, poolId, "dave@example.com");
        assertThat(mail.purpose()).isEqualTo("CustomMessage_ForgotPassword");

        assertError(post(clientId, "confirm-forgot-password", Map.of("username", "dave", "code", wrong(mail.code()), "password",
                "New-Horse-10")), 400, "CodeMismatchException", "Invalid verification code provided, please try again.");
        assertRefused(post(clientId, "confirm-forgot-password", Map.of("username", "dave", "code", mail.code(), "password", "weak")),
                "InvalidPasswordException");
        Response reset = post(clientId, "confirm-forgot-password", Map.of("username", "dave", "code", mail.code(), "password", "New-Horse-10",
                "ipAddress", "198.51.100.6"));
        assertThat(reset.statusCode()).as(reset.asString()).isEqualTo(200);
        assertThat(reset.asString()).isEqualTo("{}");

        assertError(post(clientId, "sign-in", Map.of("username", "dave", "password", "Old-pass#1234")), 400, "NotAuthorizedException",
                "Incorrect username or password.");
        assertThat(post(clientId, "sign-in", Map.of("username", "dave", "password", "New-Horse-10")).jsonPath().getString("signedIn.username"))
                .isNotNull();
        assertThat(events("dave")).extracting(AuthEventType::eventType)
                .containsExactly(EventType.SIGN_IN, EventType.SIGN_IN, EventType.FORGOT_PASSWORD);
        assertThat(events("dave").get(2).eventContextData().ipAddress()).as("confirm-forgot-password records the browser's address")
                .isEqualTo("198.51.100.6");

        post(clientId, "forgot-password", Map.of("username", "dave"));
        String expiring = Mailbox.latest(db, poolId, "dave@example.com").code();
        setCodesExpired();
        assertError(post(clientId, "confirm-forgot-password", Map.of("username", "dave", "code", expiring, "password", "Newer-Horse-11")),
                400, "ExpiredCodeException", "Invalid code provided, please request a code again.");
    }
}
