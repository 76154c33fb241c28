package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.events.MessageEvents;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.userpool.api.HostedUiApi;
import dev.cognate.userpool.trigger.TriggerRunnerStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.cognate.userpool.compat.TriggerTestSupport.assertCognitoError;
import static dev.cognate.userpool.compat.TriggerTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The UserMigration trigger driven by the AWS SDK v2: a name the pool does not know signs in with its old password
 * ({@code UserMigration_Authentication}) or asks for a reset code ({@code UserMigration_ForgotPassword}); the user the
 * function describes is created through the one creation path (password, SRP verifier, event, welcome message) and the
 * call goes on in the same request. Failures and bad answers leave no user.
 */
@QuarkusTest
@ExtendWith(TriggerRunnerStandIn.Running.class)
class UserMigrationTriggerTest extends SignInFixture {

    private static final String FUNCTION = "https://functions.example.com/migrate";
    private static final String LEGACY_PASSWORD = "Legacy-Pass-77";

    @BeforeEach
    void poolWithUserMigration() {
        cognito.updateUserPool(r -> r.userPoolId(poolId).lambdaConfig(l -> l.userMigration(FUNCTION)));
    }

    /** The old directory: one user, {@code legacy}, with {@link #LEGACY_PASSWORD}; the answer's response is {@code response}. */
    private static Function<JsonNode, Result> directory(String response) {
        return event -> {
            String password = event.path("request").path("password").asText(null);
            boolean known = event.path("userName").asText().startsWith("legacy");
            if (!known || (password != null && !password.equals(LEGACY_PASSWORD))) {
                return Result.failed(Outcome.FUNCTION_ERROR, "Error", "Bad password");
            }
            ObjectNode answer = event.deepCopy();
            answer.set("response", json(response.replace("USER", event.path("userName").asText())));
            return Result.answered(answer);
        };
    }

    private void assertNoUser(String username) {
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId(poolId).username(username))).isInstanceOf(UserNotFoundException.class);
        assertThat(OutboxRows.forPool(db, poolId, "username")).as("no user event (a refused sign-in is recorded, as any)")
                .noneMatch(row -> username.equals(row.subjectOfData()) && row.type().startsWith("cognate.userpool.user.")
                        && !row.type().equals(UserPoolEvents.USER_SIGN_IN_FAILED.name()));
        assertThat(invitations()).isEmpty();
    }

    /** The welcome messages the pool put on cognate.messages: [destination, message]. */
    private List<String[]> invitations() {
        List<String[]> found = new ArrayList<>();
        db.preparedQuery("SELECT payload FROM outbox WHERE topic = 'cognate.messages' AND payload::jsonb->>'source' = $1"
                        + " AND payload::jsonb->>'type' = $2 ORDER BY id")
                .execute(Tuple.of("/userpools/" + poolId, MessageEvents.INVITATION_REQUESTED.name())).await().indefinitely()
                .forEach(row -> {
                    JsonNode data = json(row.getValue(0).toString()).path("data");
                    found.add(new String[] {data.path("destination").asText(), data.path("message").asText(), data.path("purpose").asText()});
                });
        return found;
    }

    @Test
    void anUnknownUserSignsInWithTheLegacyPasswordIsCreatedAndNeedsNoTriggerTheSecondTime() {
        TriggerRunnerStandIn.answerWith(directory("{\"userAttributes\": {\"email\": \"USER@example.com\", \"email_verified\": \"true\","
                + " \"given_name\": \"Lee\"}, \"finalUserStatus\": \"CONFIRMED\", \"messageAction\": \"SUPPRESS\"}"));

        InitiateAuthResponse first = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "legacy-ann", "PASSWORD", LEGACY_PASSWORD)).clientMetadata(Map.of("app", "web")));

        assertThat(first.authenticationResult().idToken()).isNotBlank();
        assertThat(TriggerRunnerStandIn.calls()).hasSize(1);
        assertThat(TriggerRunnerStandIn.calls().get(0).trigger()).isEqualTo("UserMigration");
        assertThat(TriggerRunnerStandIn.calls().get(0).event()).isEqualTo(json(("{\"version\":\"1\",\"triggerSource\":"
                + "\"UserMigration_Authentication\",\"region\":\"us-east-1\",\"userPoolId\":\"%s\",\"userName\":\"legacy-ann\","
                + "\"callerContext\":{\"awsSdkVersion\":\"aws-sdk-unknown-unknown\",\"clientId\":\"%s\"},\"request\":{\"password\":"
                + "\"Legacy-Pass-77\",\"validationData\":{\"app\":\"web\"}},\"response\":{\"userAttributes\":null,\"finalUserStatus\":null,"
                + "\"messageAction\":null,\"desiredDeliveryMediums\":null,\"forceAliasCreation\":null,\"enableSMSMFA\":null}}")
                .formatted(poolId, clientId)));
        var user = cognito.adminGetUser(r -> r.userPoolId(poolId).username("legacy-ann"));
        assertThat(user.userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(user.userAttributes()).contains(AttributeType.builder().name("given_name").value("Lee").build(),
                AttributeType.builder().name("email").value("legacy-ann@example.com").build());
        assertThat(OutboxRows.forPool(db, poolId, "username")).anyMatch(row -> row.type().equals(UserPoolEvents.USER_CREATED.name())
                && "legacy-ann".equals(row.subjectOfData()));
        assertThat(invitations()).as("SUPPRESS: no welcome message").isEmpty();

        TriggerRunnerStandIn.answerWith(event -> {
            throw new AssertionError("a migrated user signs in without the trigger");
        });
        assertThat(passwordAuth(clientId, "legacy-ann", LEGACY_PASSWORD).authenticationResult().accessToken()).isNotBlank();
        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "legacy-ann", "SRP_A", srp.srpA())));
        assertThat(anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName("PASSWORD_VERIFIER").session(challenge.session())
                .challengeResponses(answer(srp, challenge.challengeParameters(), LEGACY_PASSWORD))).authenticationResult().idToken())
                .as("the migrated password got its SRP verifier").isNotBlank();
        assertThat(TriggerRunnerStandIn.calls()).isEmpty();
    }

    @Test
    void enableSmsMfaTurnsSmsMfaOnAndTheMigratingSignInAsksForTheTextedCode() {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType.OPTIONAL)
                .smsMfaConfiguration(s -> s.smsAuthenticationMessage("Your code is {####}")
                        .smsConfiguration(c -> c.snsCallerArn("arn:aws:iam::123456789012:role/cognito-sms"))));
        TriggerRunnerStandIn.answerWith(directory("{\"userAttributes\": {\"phone_number\": \"+15555550142\", \"phone_number_verified\": \"true\"},"
                + " \"messageAction\": \"SUPPRESS\", \"enableSMSMFA\": true}"));

        InitiateAuthResponse challenge = passwordAuth(clientId, "legacy-sms", LEGACY_PASSWORD);

        assertThat(challenge.challengeNameAsString()).isEqualTo("SMS_MFA");
        String code = Mailbox.latest(db, poolId, "+15555550142").code();
        assertThat(anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName("SMS_MFA").session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "legacy-sms", "SMS_MFA_CODE", code))).authenticationResult().idToken()).isNotBlank();
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("legacy-sms")).userMFASettingList()).containsExactly("SMS_MFA");
    }

    @Test
    void withoutSuppressTheWelcomeMessageGoesOutAsAdminCreateUsersInvitation() {
        TriggerRunnerStandIn.answerWith(directory("{\"userAttributes\": {\"email\": \"USER@example.com\"},"
                + " \"desiredDeliveryMediums\": [\"EMAIL\"]}"));

        cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId).authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "legacy-bo", "PASSWORD", LEGACY_PASSWORD)));

        assertThat(invitations()).singleElement().satisfies(message -> {
            assertThat(message[0]).isEqualTo("legacy-bo@example.com");
            assertThat(message[1]).isEqualTo("Your username is legacy-bo and temporary password is {####}.");
            assertThat(message[2]).isEqualTo("CustomMessage_AdminCreateUser");
        });
    }

    @Test
    void resetRequiredCreatesTheUserAndAsksForAReset() {
        TriggerRunnerStandIn.answerWith(directory("{\"userAttributes\": {\"email\": \"USER@example.com\", \"email_verified\": \"true\"},"
                + " \"finalUserStatus\": \"RESET_REQUIRED\", \"messageAction\": \"SUPPRESS\"}"));

        assertCognitoError(() -> passwordAuth(clientId, "legacy-cy", LEGACY_PASSWORD), "PasswordResetRequiredException",
                "Password reset required for the user");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("legacy-cy")).userStatus()).isEqualTo(UserStatusType.RESET_REQUIRED);
    }

    @Test
    void theFunctionsRefusalOrABadAnswerLeavesNoUser() {
        TriggerRunnerStandIn.answerWith(directory("{\"userAttributes\": {\"email\": \"USER@example.com\"}}"));
        assertCognitoError(() -> passwordAuth(clientId, "legacy-di", "Not-The-Password-1"), "UserLambdaValidationException",
                "UserMigration failed with error Bad password.");
        assertNoUser("legacy-di");

        for (String bad : List.of("{}", "{\"userAttributes\": {}}", "{\"userAttributes\": {\"email\": 7}}",
                "{\"userAttributes\": {\"email\": \"USER@example.com\"}, \"finalUserStatus\": \"FORCE_CHANGE_PASSWORD\"}",
                "{\"userAttributes\": {\"email\": \"USER@example.com\"}, \"messageAction\": \"RESEND\"}",
                "{\"userAttributes\": {\"email\": \"USER@example.com\"}, \"desiredDeliveryMediums\": [\"PIGEON\"]}")) {
            TriggerRunnerStandIn.answerWith(directory(bad));
            assertCognitoError(() -> passwordAuth(clientId, "legacy-di", LEGACY_PASSWORD), "InvalidLambdaResponseException",
                    "Unrecognizable lambda output");
        }
        TriggerRunnerStandIn.answerWith(directory("{\"userAttributes\": {\"shoe_size\": \"44\"}}"));
        assertCognitoError(() -> passwordAuth(clientId, "legacy-di", LEGACY_PASSWORD), "InvalidParameterException",
                "user.shoe_size: Attribute does not exist in the schema.");
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.NO_ANSWER, "TimeoutError", "no answer"));
        assertCognitoError(() -> passwordAuth(clientId, "legacy-di", LEGACY_PASSWORD), "UnexpectedLambdaException",
                "UserMigration invocation failed due to error TimeoutError.");
        assertNoUser("legacy-di");
        assertThat(OutboxRows.forPool(db, poolId, "reason")).as("each refusal recorded")
                .filteredOn(row -> "user_migration_failed".equals(row.subjectOfData())).hasSize(9);
    }

    @Test
    void srpDoesNotMigrate() {
        TriggerRunnerStandIn.answerWith(directory("{\"userAttributes\": {\"email\": \"USER@example.com\"}}"));
        SrpClient srp = new SrpClient(poolId);

        InitiateAuthResponse challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "legacy-eve", "SRP_A", srp.srpA())));
        assertCognitoError(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName("PASSWORD_VERIFIER")
                        .session(challenge.session()).challengeResponses(answer(srp, challenge.challengeParameters(), LEGACY_PASSWORD))),
                "NotAuthorizedException", "Incorrect username or password.");

        assertThat(TriggerRunnerStandIn.calls()).isEmpty();
        assertNoUser("legacy-eve");
    }

    @Test
    void forgotPasswordMigratesTheUserAndSendsTheResetCode() {
        TriggerRunnerStandIn.answerWith(directory("{\"userAttributes\": {\"email\": \"USER@example.com\", \"email_verified\": \"true\"},"
                + " \"messageAction\": \"SUPPRESS\"}"));

        var delivery = anonymous.forgotPassword(r -> r.clientId(clientId).username("legacy-fay").clientMetadata(Map.of("locale", "fr")))
                .codeDeliveryDetails();

        assertThat(delivery.destination()).isEqualTo("l***@e***");
        JsonNode event = TriggerRunnerStandIn.calls().get(0).event();
        assertThat(event.path("triggerSource").asText()).isEqualTo("UserMigration_ForgotPassword");
        assertThat(event.path("request")).as("no password in a forgot-password migration")
                .isEqualTo(json("{\"validationData\":null,\"clientMetadata\":{\"locale\":\"fr\"}}"));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("legacy-fay")).userStatus()).isEqualTo(UserStatusType.RESET_REQUIRED);
        Mailbox.Message mail = Mailbox.latest(db, poolId, "legacy-fay@example.com");
        assertThat(mail.purpose()).isEqualTo("CustomMessage_ForgotPassword");

        anonymous.confirmForgotPassword(r -> r.clientId(clientId).username("legacy-fay").confirmationCode(mail.code()).password("Fresh-Pass-88"));
        TriggerRunnerStandIn.answerWith(event2 -> {
            throw new AssertionError("the user exists now");
        });
        assertThat(passwordAuth(clientId, "legacy-fay", "Fresh-Pass-88").authenticationResult().idToken()).isNotBlank();
    }

    @Test
    void aForgotPasswordMigrationThatCannotSendTheCodeLeavesNoUser() {
        TriggerRunnerStandIn.answerWith(directory("{\"userAttributes\": {\"email\": \"USER@example.com\"}, \"messageAction\": \"SUPPRESS\"}"));

        assertThatThrownBy(() -> anonymous.forgotPassword(r -> r.clientId(clientId).username("legacy-gil")))
                .isInstanceOf(CognitoIdentityProviderException.class);

        assertNoUser("legacy-gil");
        assertThat(Mailbox.codes(db, poolId)).isEmpty();
    }

    @Test
    void aPoolWithoutTheTriggerTreatsUnknownUsersAsBefore() {
        cognito.updateUserPool(r -> r.userPoolId(poolId));
        TriggerRunnerStandIn.answerWith(event -> {
            throw new AssertionError("no trigger configured");
        });

        assertCognitoError(() -> passwordAuth(clientId, "legacy-hal", LEGACY_PASSWORD), "NotAuthorizedException",
                "Incorrect username or password.");
        assertThat(TriggerRunnerStandIn.calls()).isEmpty();
    }

    @Test
    void theHostedLoginMigratesAndRunsPreAuthenticationThroughTheSameEngine() {
        cognito.updateUserPool(r -> r.userPoolId(poolId).lambdaConfig(l -> l.userMigration(FUNCTION)
                .preAuthentication("https://functions.example.com/pre-authentication")));
        Function<JsonNode, Result> migrate = directory("{\"userAttributes\": {\"email\": \"USER@example.com\"}, \"messageAction\": \"SUPPRESS\"}");
        TriggerRunnerStandIn.answerWith(event -> event.path("triggerSource").asText().startsWith("UserMigration")
                ? migrate.apply(event) : Result.answered(event));
        String hosted = HostedUiApi.hostedClient(cognito, poolId, null);

        var response = HostedUiApi.post(hosted, "sign-in", Map.of("username", "legacy-ivy", "password", LEGACY_PASSWORD,
                "ipAddress", "203.0.113.9"));

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getMap("signedIn")).isNotNull();
        assertThat(TriggerRunnerStandIn.calls()).extracting(call -> call.event().path("triggerSource").asText())
                .containsExactly("UserMigration_Authentication", "PreAuthentication_Authentication");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("legacy-ivy")).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
    }
}
