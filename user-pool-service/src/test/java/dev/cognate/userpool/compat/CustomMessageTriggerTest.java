package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.events.MessageEvents;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.trigger.TriggerRunnerStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.cognate.userpool.compat.TriggerTestSupport.assertCognitoError;
import static dev.cognate.userpool.compat.TriggerTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CustomMessage trigger driven by the AWS SDK v2: every action that sends a code or an invitation calls it with
 * Cognito's event ({@code codeParameter}, {@code usernameParameter} for AdminCreateUser), and the message published on
 * {@code cognate.messages} carries the function's subject and text — when the text holds the placeholders Cognito
 * requires, else the pool's template. A failing function fails the call with no user, code or message left.
 */
@QuarkusTest
@ExtendWith(TriggerRunnerStandIn.Running.class)
class CustomMessageTriggerTest extends CognitoIdpTest {

    private static final String FUNCTION = "https://functions.example.com/custom-message";
    private static final String PASSWORD = "Correct-Horse-9";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool db;

    CognitoIdentityProviderClient anonymous;
    String poolId;
    String clientId;

    @BeforeEach
    void poolWithCustomMessage() {
        anonymous = CognitoIdpClients.anonymous(endpoint);
        poolId = cognito.createUserPool(r -> r.poolName("custom message " + unique()).autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .lambdaConfig(l -> l.customMessage(FUNCTION))).userPool().id();
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
    }

    @AfterEach
    void closeAnonymous() {
        anonymous.close();
    }

    /** A function answering {@code response} (JSON) to every event. */
    private static Function<JsonNode, Result> answering(String response) {
        return event -> {
            ObjectNode answer = event.deepCopy();
            answer.set("response", json(response));
            return Result.answered(answer);
        };
    }

    private void signUp(String username) {
        anonymous.signUp(r -> r.clientId(clientId).username(username).password(PASSWORD)
                .userAttributes(AttributeType.builder().name("email").value(username + "@example.com").build())
                .clientMetadata(Map.of("campaign", "spring")));
    }

    private String confirmedUser(String username) {
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("email").value(username + "@example.com").build(),
                        AttributeType.builder().name("email_verified").value("true").build()));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
        return anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", PASSWORD))).authenticationResult().accessToken();
    }

    /** The invitations of the pool on cognate.messages: [medium, destination, subject, message]. */
    private List<String[]> invitations() {
        List<String[]> found = new ArrayList<>();
        db.preparedQuery("SELECT payload FROM outbox WHERE topic = 'cognate.messages' AND payload::jsonb->>'source' = $1"
                        + " AND payload::jsonb->>'type' = $2 ORDER BY id")
                .execute(Tuple.of("/userpools/" + poolId, MessageEvents.INVITATION_REQUESTED.name())).await().indefinitely()
                .forEach(row -> {
                    JsonNode data = json(row.getValue(0).toString()).path("data");
                    found.add(new String[] {data.path("medium").asText(), data.path("destination").asText(), data.path("subject").asText(null),
                            data.path("message").asText()});
                });
        return found;
    }

    @Test
    void signUpSendsCognitosEventAndTheCodeGoesOutInTheFunctionsMessage() {
        TriggerRunnerStandIn.answerWith(answering("{\"smsMessage\": null, \"emailMessage\": \"<p>Welcome! Your code: {####}</p>\","
                + " \"emailSubject\": \"Welcome to Example\"}"));

        signUp("ana");

        assertThat(TriggerRunnerStandIn.calls()).hasSize(1);
        assertThat(TriggerRunnerStandIn.calls().get(0).trigger()).isEqualTo("CustomMessage");
        String sub = cognito.adminGetUser(r -> r.userPoolId(poolId).username("ana")).userAttributes().stream()
                .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
        assertThat(TriggerRunnerStandIn.calls().get(0).event()).isEqualTo(json(("{\"version\":\"1\",\"triggerSource\":\"CustomMessage_SignUp\","
                + "\"region\":\"us-east-1\",\"userPoolId\":\"%s\",\"userName\":\"ana\",\"callerContext\":{\"awsSdkVersion\":"
                + "\"aws-sdk-unknown-unknown\",\"clientId\":\"%s\"},\"request\":{\"userAttributes\":{\"sub\":\"%s\",\"email\":"
                + "\"ana@example.com\",\"cognito:user_status\":\"UNCONFIRMED\"},\"codeParameter\":\"{####}\",\"usernameParameter\":null,"
                + "\"clientMetadata\":{\"campaign\":\"spring\"}},\"response\":{\"smsMessage\":null,\"emailMessage\":null,\"emailSubject\":null}}")
                .formatted(poolId, clientId, sub)));
        Mailbox.Message mail = Mailbox.latest(db, poolId, "ana@example.com");
        assertThat(mail.purpose()).isEqualTo("CustomMessage_SignUp");
        assertThat(mail.subject()).isEqualTo("Welcome to Example");
        assertThat(mail.text()).isEqualTo("<p>Welcome! Your code: {####}</p>");
        assertThat(mail.code()).matches("[0-9]{6}");
        anonymous.confirmSignUp(r -> r.clientId(clientId).username("ana").confirmationCode(mail.code()));
    }

    @Test
    void aMessageWithoutTheCodePlaceholderFallsBackToThePoolsTemplate() {
        TriggerRunnerStandIn.answerWith(answering("{\"emailMessage\": \"Welcome, no code here\", \"emailSubject\": \"Hello\"}"));

        signUp("bo");

        Mailbox.Message mail = Mailbox.latest(db, poolId, "bo@example.com");
        assertThat(mail.text()).isEqualTo("Your verification code is {####}.");
        assertThat(mail.subject()).as("the subject needs no placeholder").isEqualTo("Hello");
    }

    @Test
    void resendAndForgotPasswordCarryTheirOwnTriggerSources() {
        TriggerRunnerStandIn.answerWith(Result::answered);
        signUp("cy");

        TriggerRunnerStandIn.answerWith(answering("{\"emailMessage\": \"Again: {####}\"}"));
        anonymous.resendConfirmationCode(r -> r.clientId(clientId).username("cy").clientMetadata(Map.of("attempt", "2")));
        assertThat(TriggerRunnerStandIn.calls().get(0).event().path("triggerSource").asText()).isEqualTo("CustomMessage_ResendCode");
        assertThat(TriggerRunnerStandIn.calls().get(0).event().path("request").path("clientMetadata")).isEqualTo(json("{\"attempt\":\"2\"}"));
        assertThat(Mailbox.latest(db, poolId, "cy@example.com").text()).isEqualTo("Again: {####}");
        assertThat(Mailbox.latest(db, poolId, "cy@example.com").purpose()).isEqualTo("CustomMessage_ResendCode");

        confirmedUser("dee");
        TriggerRunnerStandIn.answerWith(answering("{\"emailMessage\": \"Reset with {####}\", \"emailSubject\": \"Reset\"}"));
        anonymous.forgotPassword(r -> r.clientId(clientId).username("dee").clientMetadata(Map.of("locale", "de")));
        JsonNode event = TriggerRunnerStandIn.calls().get(0).event();
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomMessage_ForgotPassword");
        assertThat(event.path("request").path("clientMetadata")).isEqualTo(json("{\"locale\":\"de\"}"));
        Mailbox.Message reset = Mailbox.latest(db, poolId, "dee@example.com");
        assertThat(reset.text()).isEqualTo("Reset with {####}");
        assertThat(reset.subject()).isEqualTo("Reset");
    }

    @Test
    void attributeCodesCarryUpdateAndVerifySources() {
        String accessToken = confirmedUser("eve");
        TriggerRunnerStandIn.answerWith(answering("{\"emailMessage\": \"Confirm your new address: {####}\"}"));

        anonymous.updateUserAttributes(r -> r.accessToken(accessToken)
                .userAttributes(AttributeType.builder().name("email").value("eve.new@example.com").build()).clientMetadata(Map.of("via", "settings")));
        assertThat(TriggerRunnerStandIn.calls().get(0).event().path("triggerSource").asText()).isEqualTo("CustomMessage_UpdateUserAttribute");
        assertThat(TriggerRunnerStandIn.calls().get(0).event().path("request").path("clientMetadata")).isEqualTo(json("{\"via\":\"settings\"}"));
        assertThat(TriggerRunnerStandIn.calls().get(0).event().path("request").path("userAttributes").path("email").asText())
                .as("the attributes as stored when the code is sent").isEqualTo("eve.new@example.com");
        assertThat(Mailbox.latest(db, poolId, "eve.new@example.com").text()).isEqualTo("Confirm your new address: {####}");

        anonymous.getUserAttributeVerificationCode(r -> r.accessToken(accessToken).attributeName("email"));
        assertThat(TriggerRunnerStandIn.calls().get(1).event().path("triggerSource").asText()).isEqualTo("CustomMessage_VerifyUserAttribute");
        assertThat(TriggerRunnerStandIn.calls().get(1).event().path("callerContext").path("clientId").asText()).isEqualTo(clientId);
    }

    @Test
    void adminCreateUserInvitationNeedsBothPlaceholders() {
        TriggerRunnerStandIn.answerWith(answering("{\"emailMessage\": \"Hi {username}, your password is {####}\","
                + " \"emailSubject\": \"Your new account\"}"));

        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("fay").desiredDeliveryMediums(DeliveryMediumType.EMAIL)
                .userAttributes(AttributeType.builder().name("email").value("fay@example.com").build()).clientMetadata(Map.of("team", "ops")));

        JsonNode event = TriggerRunnerStandIn.calls().get(0).event();
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomMessage_AdminCreateUser");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo("CLIENT_ID_NOT_APPLICABLE");
        assertThat(event.path("request").path("codeParameter").asText()).isEqualTo("{####}");
        assertThat(event.path("request").path("usernameParameter").asText()).isEqualTo("{username}");
        assertThat(event.path("request").path("clientMetadata")).isEqualTo(json("{\"team\":\"ops\"}"));
        assertThat(invitations()).singleElement().satisfies(message -> {
            assertThat(message[2]).isEqualTo("Your new account");
            assertThat(message[3]).isEqualTo("Hi fay, your password is {####}");
        });

        TriggerRunnerStandIn.answerWith(answering("{\"emailMessage\": \"Your password is {####}\"}"));
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("gil").desiredDeliveryMediums(DeliveryMediumType.EMAIL)
                .userAttributes(AttributeType.builder().name("email").value("gil@example.com").build()));
        assertThat(invitations().get(1)[3]).as("no {username}: the pool's invitation")
                .isEqualTo("Your username is gil and temporary password is {####}.");
    }

    @Test
    void aFailingFunctionFailsTheCallWithNoUserCodeOrMessage() {
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "template store down"));

        assertCognitoError(() -> signUp("hal"), "UserLambdaValidationException", "CustomMessage failed with error template store down.");
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId(poolId).username("hal"))).isInstanceOf(UserNotFoundException.class);
        assertCognitoError(() -> cognito.adminCreateUser(r -> r.userPoolId(poolId).username("ida")
                        .desiredDeliveryMediums(DeliveryMediumType.EMAIL)
                        .userAttributes(AttributeType.builder().name("email").value("ida@example.com").build())),
                "UserLambdaValidationException", "CustomMessage failed with error template store down.");
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId(poolId).username("ida"))).isInstanceOf(UserNotFoundException.class);

        TriggerRunnerStandIn.answerWith(answering("{}"));
        confirmedUser("jo");
        TriggerRunnerStandIn.answerWith(answering("{\"emailMessage\": 42}"));
        assertCognitoError(() -> anonymous.forgotPassword(r -> r.clientId(clientId).username("jo")), "InvalidLambdaResponseException",
                "Unrecognizable lambda output");
        long codes = db.preparedQuery("SELECT count(*) FROM verification_codes WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(codes).as("no code stored").isZero();
        assertThat(Mailbox.codes(db, poolId)).isEmpty();
        assertThat(invitations()).isEmpty();
    }

    @Test
    void anEmailMfaCodeGoesThroughCustomMessageAuthentication() {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType.OPTIONAL)
                .emailMfaConfiguration(e -> e.subject("Pool subject").message("Pool code {####}")));
        confirmedUser("mfa-mia");
        cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("mfa-mia").emailMfaSettings(m -> m.enabled(true).preferredMfa(true)));
        TriggerRunnerStandIn.answerWith(answering("{\"smsMessage\": null, \"emailMessage\": \"Your sign-in code: {####}\","
                + " \"emailSubject\": \"Sign in to Example\"}"));

        var challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "mfa-mia", "PASSWORD", PASSWORD)));

        assertThat(challenge.challengeNameAsString()).isEqualTo("EMAIL_OTP");
        assertThat(TriggerRunnerStandIn.calls()).singleElement().satisfies(call -> {
            assertThat(call.trigger()).isEqualTo("CustomMessage");
            assertThat(call.event().path("triggerSource").asText()).isEqualTo("CustomMessage_Authentication");
            assertThat(call.event().path("request").path("codeParameter").asText()).isEqualTo("{####}");
            assertThat(call.event().path("request").path("userAttributes").path("email").asText()).isEqualTo("mfa-mia@example.com");
        });
        Mailbox.Message mail = Mailbox.latest(db, poolId, "mfa-mia@example.com");
        assertThat(mail.purpose()).isEqualTo("CustomMessage_Authentication");
        assertThat(mail.subject()).isEqualTo("Sign in to Example");
        assertThat(mail.text()).isEqualTo("Your sign-in code: {####}");
        assertThat(anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName("EMAIL_OTP").session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "mfa-mia", "EMAIL_OTP_CODE", mail.code()))).authenticationResult()).isNotNull();
    }

    @Test
    void anSmsMfaCodeGoesThroughCustomMessageAuthentication() {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType.ON)
                .smsMfaConfiguration(m -> m.smsAuthenticationMessage("Pool code {####}")
                        .smsConfiguration(c -> c.snsCallerArn("arn:aws:iam::123456789012:role/cognito-sms"))));
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("sms-sal").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("phone_number").value("+15550109999").build(),
                        AttributeType.builder().name("phone_number_verified").value("true").build()));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("sms-sal").password(PASSWORD).permanent(true));
        TriggerRunnerStandIn.answerWith(answering("{\"smsMessage\": \"Example: your code is {####}\", \"emailMessage\": null,"
                + " \"emailSubject\": null}"));

        var challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .clientMetadata(Map.of("channel", "kiosk"))
                .authParameters(Map.of("USERNAME", "sms-sal", "PASSWORD", PASSWORD)));

        assertThat(challenge.challengeNameAsString()).isEqualTo("SMS_MFA");
        assertThat(TriggerRunnerStandIn.calls()).singleElement().satisfies(call -> {
            assertThat(call.trigger()).isEqualTo("CustomMessage");
            assertThat(call.event().path("triggerSource").asText()).isEqualTo("CustomMessage_Authentication");
            assertThat(call.event().path("callerContext").path("clientId").asText()).isEqualTo(clientId);
            assertThat(call.event().path("request").path("codeParameter").asText()).isEqualTo("{####}");
            assertThat(call.event().path("request").path("clientMetadata").path("channel").asText()).isEqualTo("kiosk");
            assertThat(call.event().path("request").path("userAttributes").path("phone_number").asText()).isEqualTo("+15550109999");
        });
        Mailbox.Message sms = Mailbox.latest(db, poolId, "+15550109999");
        assertThat(sms.purpose()).isEqualTo("CustomMessage_Authentication");
        assertThat(sms.medium()).isEqualTo("SMS");
        assertThat(sms.text()).as("the function's text, not the pool's").isEqualTo("Example: your code is {####}");
        assertThat(anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName("SMS_MFA").session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "sms-sal", "SMS_MFA_CODE", sms.code()))).authenticationResult()).isNotNull();
    }
}
