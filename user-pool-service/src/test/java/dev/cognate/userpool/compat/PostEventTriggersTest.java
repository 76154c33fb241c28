package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.internalapi.TriggerInvocation;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.SignedJson;
import dev.cognate.userpool.trigger.TriggerRunnerStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
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
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostConfirmation and PostAuthentication driven by the AWS SDK v2. Durable (the default): Cognito's exact event is
 * written to the outbox with the confirmation or the sign-in (for trigger-runner, which runs, retries and dead-letters
 * it: its {@code EventDeliveriesTest}), and the call never waits for the function — tokens come even while it is down.
 * Synchronous ({@code CognateAdmin.SetTriggerSettings}): the call waits within the pool's timeout and fails with Cognito's
 * errors — a failed PostAuthentication returns no tokens; a failed PostConfirmation fails the call and, as in Cognito,
 * the user stays confirmed.
 */
@QuarkusTest
@ExtendWith(TriggerRunnerStandIn.Running.class)
class PostEventTriggersTest extends CognitoIdpTest {

    private static final String POST_CONFIRMATION = "https://functions.example.com/post-confirmation";
    private static final String POST_AUTHENTICATION = "https://functions.example.com/post-authentication";
    private static final String PASSWORD = "Correct-Horse-9";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool db;

    CognitoIdentityProviderClient app;
    String poolId;
    String clientId;

    @BeforeEach
    void poolWithPostEventTriggers() {
        app = CognitoIdpClients.anonymous(endpoint);
        poolId = cognito.createUserPool(r -> r.poolName("post events " + unique()).autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .lambdaConfig(l -> l.postConfirmation(POST_CONFIRMATION).postAuthentication(POST_AUTHENTICATION))).userPool().id();
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        // The function is down: a durable trigger must not notice, a synchronous one fails with it.
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.NO_ANSWER, "Unreachable", "the function could not be reached"));
    }

    @AfterEach
    void closeApp() {
        app.close();
    }

    private void signUp(String username) {
        app.signUp(r -> r.clientId(clientId).username(username).password(PASSWORD)
                .userAttributes(AttributeType.builder().name("email").value(username + "@example.com").build()));
    }

    private void confirm(String username) {
        String code = Mailbox.latest(db, poolId, username + "@example.com").code();
        app.confirmSignUp(r -> r.clientId(clientId).username(username).confirmationCode(code).clientMetadata(Map.of("campaign", "winter")));
    }

    private InitiateAuthResponse signIn(String username) {
        return app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", PASSWORD)));
    }

    private String sub(String username) {
        return cognito.adminGetUser(r -> r.userPoolId(poolId).username(username)).userAttributes().stream()
                .filter(attribute -> attribute.name().equals("sub")).findFirst().orElseThrow().value();
    }

    /** The trigger requests of the pool in the outbox, oldest first: the data of each. */
    private List<JsonNode> triggerRequests() {
        List<JsonNode> requests = new ArrayList<>();
        db.preparedQuery("SELECT payload FROM outbox WHERE topic = 'cognate.userpool.events' AND payload::jsonb->>'source' = $1"
                        + " AND payload::jsonb->>'type' = $2 ORDER BY id")
                .execute(Tuple.of("/userpools/" + poolId, UserPoolEvents.POST_TRIGGER_REQUESTED.name())).await().indefinitely()
                .forEach(row -> {
                    try {
                        requests.add(JSON.readTree(row.getValue(0).toString()).get("data"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        return requests;
    }

    private Response admin(String action, String body) {
        return SignedJson.callTarget(endpoint, "CognateAdmin." + action, body);
    }

    private void synchronous(int timeoutSeconds) {
        Response set = admin("SetTriggerSettings", "{\"UserPoolId\": \"" + poolId + "\", \"PostEventTriggers\": \"SYNCHRONOUS\","
                + " \"TimeoutSeconds\": " + timeoutSeconds + "}");
        assertThat(set.statusCode()).as(set.asString()).isEqualTo(200);
    }

    private static void assertCognitoError(Runnable call, String type, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CognitoIdentityProviderException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(type);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void durableConfirmSignUpCommitsCognitosPostConfirmationEventWithTheConfirmationAndDoesNotWaitForTheFunction() {
        signUp("ana");
        confirm("ana");

        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("ana")).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(TriggerRunnerStandIn.calls()).as("durable: nothing called on the way").isEmpty();
        List<JsonNode> requests = triggerRequests();
        assertThat(requests).hasSize(1);
        JsonNode request = requests.get(0);
        assertThat(request.get("trigger").asText()).isEqualTo("PostConfirmation");
        assertThat(request.get("target").asText()).isEqualTo(POST_CONFIRMATION);
        assertThat(request.get("timeoutMillis").asLong()).as("the installation's 1.5 s in tests, rounded up to whole seconds").isEqualTo(2000);
        assertThat(request.get("event").toString()).isEqualTo(("{\"version\":\"1\",\"triggerSource\":\"PostConfirmation_ConfirmSignUp\","
                + "\"region\":\"us-east-1\",\"userPoolId\":\"%s\",\"userName\":\"ana\",\"callerContext\":{\"awsSdkVersion\":\"aws-sdk-unknown-unknown\","
                + "\"clientId\":\"%s\"},\"request\":{\"userAttributes\":{\"sub\":\"%s\",\"email\":\"ana@example.com\",\"email_verified\":\"true\","
                + "\"cognito:user_status\":\"CONFIRMED\"},\"clientMetadata\":{\"campaign\":\"winter\"}},\"response\":{}}")
                .formatted(poolId, clientId, sub("ana")));
        assertThat(OutboxRows.forPool(db, poolId, "username")).as("in the same commit as user.confirmed, right after it")
                .extracting(OutboxRows.Row::type).containsSubsequence(UserPoolEvents.USER_CONFIRMED.name(), UserPoolEvents.POST_TRIGGER_REQUESTED.name());
    }

    @Test
    void adminConfirmSignUpAndConfirmForgotPasswordHaveTheirTriggerSources() {
        signUp("bo");
        SignedJson.call(endpoint, "AdminConfirmSignUp", "{\"UserPoolId\": \"" + poolId + "\", \"Username\": \"bo\","
                + " \"ClientMetadata\": {\"by\": \"support\"}}").then().statusCode(200);
        JsonNode adminConfirmed = triggerRequests().get(0).get("event");
        assertThat(adminConfirmed.get("triggerSource").asText()).isEqualTo("PostConfirmation_ConfirmSignUp");
        assertThat(adminConfirmed.get("callerContext").get("clientId").asText()).isEqualTo("CLIENT_ID_NOT_APPLICABLE");
        assertThat(adminConfirmed.get("request").get("clientMetadata").toString()).isEqualTo("{\"by\":\"support\"}");

        // AdminConfirmSignUp verifies nothing: the email is verified for the reset code to go there.
        cognito.adminUpdateUserAttributes(r -> r.userPoolId(poolId).username("bo")
                .userAttributes(AttributeType.builder().name("email_verified").value("true").build()));
        app.forgotPassword(r -> r.clientId(clientId).username("bo"));
        String code = Mailbox.latest(db, poolId, "bo@example.com").code();
        app.confirmForgotPassword(r -> r.clientId(clientId).username("bo").confirmationCode(code).password("Another-Horse-7"));
        JsonNode reset = triggerRequests().get(1).get("event");
        assertThat(reset.get("triggerSource").asText()).isEqualTo("PostConfirmation_ConfirmForgotPassword");
        assertThat(reset.get("callerContext").get("clientId").asText()).isEqualTo(clientId);
        assertThat(reset.get("request").has("clientMetadata")).as("none given: absent, as Cognito").isFalse();
    }

    @Test
    void aUserThePreSignUpTriggerConfirmsGetsPostConfirmationAtSignUpAsInCognito() {
        String bothPool = cognito.createUserPool(r -> r.poolName("auto confirmed " + unique())
                .lambdaConfig(l -> l.preSignUp("https://functions.example.com/pre-sign-up").postConfirmation(POST_CONFIRMATION))).userPool().id();
        String bothClient = cognito.createUserPoolClient(r -> r.userPoolId(bothPool).clientName("app")).userPoolClient().clientId();
        TriggerRunnerStandIn.answerWith(event -> {
            ObjectNode answer = event.deepCopy();
            answer.putObject("response").put("autoConfirmUser", true);
            return Result.answered(answer);
        });

        app.signUp(r -> r.clientId(bothClient).username("gus").password(PASSWORD).clientMetadata(Map.of("source", "import")));

        assertThat(TriggerRunnerStandIn.calls()).extracting(TriggerInvocation.Request::trigger).as("PreSignUp only: durable").containsExactly("PreSignUp");
        poolId = bothPool;
        JsonNode event = triggerRequests().get(0).get("event");
        assertThat(event.get("triggerSource").asText()).isEqualTo("PostConfirmation_ConfirmSignUp");
        assertThat(event.get("userName").asText()).isEqualTo("gus");
        assertThat(event.get("request").get("userAttributes").get("cognito:user_status").asText()).isEqualTo("CONFIRMED");
        assertThat(event.get("request").get("clientMetadata").toString()).isEqualTo("{\"source\":\"import\"}");
    }

    @Test
    void durableSignInReturnsTokensWhileTheFunctionIsDownAndCommitsThePostAuthenticationEvent() {
        signUp("cy");
        confirm("cy");

        InitiateAuthResponse signedIn = signIn("cy");

        assertThat(signedIn.authenticationResult().idToken()).isNotBlank();
        assertThat(TriggerRunnerStandIn.calls()).isEmpty();
        JsonNode request = triggerRequests().get(1);
        assertThat(request.get("trigger").asText()).isEqualTo("PostAuthentication");
        assertThat(request.get("target").asText()).isEqualTo(POST_AUTHENTICATION);
        assertThat(request.get("event").toString()).isEqualTo(("{\"version\":\"1\",\"triggerSource\":\"PostAuthentication_Authentication\","
                + "\"region\":\"us-east-1\",\"userPoolId\":\"%s\",\"userName\":\"cy\",\"callerContext\":{\"awsSdkVersion\":\"aws-sdk-unknown-unknown\","
                + "\"clientId\":\"%s\"},\"request\":{\"newDeviceUsed\":false,\"userAttributes\":{\"sub\":\"%s\",\"email\":\"cy@example.com\","
                + "\"email_verified\":\"true\",\"cognito:user_status\":\"CONFIRMED\"}},\"response\":{}}").formatted(poolId, clientId, sub("cy")));
        app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", signedIn.authenticationResult().refreshToken())));
        assertThat(triggerRequests()).as("refreshing tokens is no authentication: no PostAuthentication, as Cognito").hasSize(2);
    }

    /** The PostAuthentication events of the pool in the outbox, oldest first. */
    private List<JsonNode> postAuthenticationEvents() {
        return triggerRequests().stream().filter(request -> request.get("trigger").asText().equals("PostAuthentication"))
                .map(request -> request.get("event")).toList();
    }

    @Test
    void aSignInEndedByRespondToAuthChallengeGivesPostAuthenticationThatStepsClientMetadataAsCognito() {
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("flo").temporaryPassword("Temporary-Horse-1").messageAction("SUPPRESS")
                .userAttributes(AttributeType.builder().name("email").value("flo@example.com").build()));
        InitiateAuthResponse challenged = app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "flo", "PASSWORD", "Temporary-Horse-1")).clientMetadata(Map.of("step", "initiate")));
        assertThat(challenged.challengeNameAsString()).isEqualTo("NEW_PASSWORD_REQUIRED");
        assertThat(postAuthenticationEvents()).as("no sign-in yet").isEmpty();

        var answered = app.respondToAuthChallenge(r -> r.clientId(clientId).challengeName("NEW_PASSWORD_REQUIRED").session(challenged.session())
                .challengeResponses(Map.of("USERNAME", "flo", "NEW_PASSWORD", PASSWORD))
                .clientMetadata(Map.of("step", "new-password", "campaign", "spring")));

        assertThat(answered.authenticationResult().accessToken()).isNotBlank();
        List<JsonNode> events = postAuthenticationEvents();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("triggerSource").asText()).isEqualTo("PostAuthentication_Authentication");
        assertThat(events.get(0).get("userName").asText()).isEqualTo("flo");
        assertThat(events.get(0).get("request").get("clientMetadata"))
                .as("the ending step's, RespondToAuthChallenge's; InitiateAuth's is not passed on")
                .isEqualTo(JSON.createObjectNode().put("step", "new-password").put("campaign", "spring"));
    }

    @Test
    void initiateAuthsClientMetadataIsNotPassedToPostAuthenticationAsCognito() {
        signUp("gil");
        confirm("gil");

        app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "gil", "PASSWORD", PASSWORD)).clientMetadata(Map.of("step", "initiate")));

        List<JsonNode> events = postAuthenticationEvents();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("userName").asText()).isEqualTo("gil");
        assertThat(events.get(0).get("request").has("clientMetadata"))
                .as("InitiateAuth's ClientMetadata goes to PreAuthentication's validationData only: %s", events.get(0)).isFalse();
    }

    @Test
    void synchronousPostAuthenticationFailureIsUserLambdaValidationExceptionAndNoTokens() {
        signUp("di");
        confirm("di");
        synchronous(3);
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "sign-ins are paused"));

        assertCognitoError(() -> signIn("di"), "UserLambdaValidationException", "PostAuthentication failed with error sign-ins are paused.");

        TriggerInvocation.Request call = TriggerRunnerStandIn.calls().get(0);
        assertThat(call.trigger()).isEqualTo("PostAuthentication");
        assertThat(call.timeoutMillis()).as("the pool's TimeoutSeconds").isEqualTo(3000);
        assertThat(call.event().get("triggerSource").asText()).isEqualTo("PostAuthentication_Authentication");
        assertThat(triggerRequests()).as("synchronous: nothing for trigger-runner to run later").hasSize(1);

        TriggerRunnerStandIn.answerWith(Result::answered);
        assertThat(signIn("di").authenticationResult().accessToken()).as("the function answers: tokens").isNotBlank();

        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.NO_ANSWER, "TimeoutError", "the function did not answer within 3000 ms"));
        assertCognitoError(() -> signIn("di"), "UnexpectedLambdaException", "PostAuthentication invocation failed due to error TimeoutError.");
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.INVALID_RESPONSE, "InvalidAnswer", "not an object"));
        assertCognitoError(() -> signIn("di"), "InvalidLambdaResponseException", "Unrecognizable lambda output");
    }

    @Test
    void synchronousPostConfirmationFailureFailsTheCallButTheUserStaysConfirmedAsInCognito() {
        signUp("ed");
        synchronous(2);
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "CRM is down"));

        assertCognitoError(() -> confirm("ed"), "UserLambdaValidationException", "PostConfirmation failed with error CRM is down.");

        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("ed")).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        TriggerInvocation.Request call = TriggerRunnerStandIn.calls().get(0);
        assertThat(call.event().get("triggerSource").asText()).isEqualTo("PostConfirmation_ConfirmSignUp");
        assertThat(call.event().get("request").get("clientMetadata").toString()).isEqualTo("{\"campaign\":\"winter\"}");
        assertThat(call.timeoutMillis()).isEqualTo(2000);
        assertThat(triggerRequests()).isEmpty();
    }

    @Test
    void triggerSettingsAreDescribedWithTheirDefaultsAndBadSettingsAreRefusedWithNothingChanged() {
        JsonPath defaults = JsonPath.from(admin("DescribeTriggerSettings", "{\"UserPoolId\": \"" + poolId + "\"}").asString());
        assertThat(defaults.getString("UserPoolId")).isEqualTo(poolId);
        assertThat(defaults.getString("PostEventTriggers")).isEqualTo("DURABLE");
        assertThat(defaults.getInt("TimeoutSeconds")).isEqualTo(2);

        Response set = admin("SetTriggerSettings", "{\"UserPoolId\": \"" + poolId + "\", \"PostEventTriggers\": \"SYNCHRONOUS\", \"TimeoutSeconds\": 30}");
        assertThat(JsonPath.from(set.asString()).getString("PostEventTriggers")).isEqualTo("SYNCHRONOUS");

        Map<String, String> bad = Map.of(
                "{\"UserPoolId\": \"" + poolId + "\", \"TimeoutSeconds\": 31}",
                "1 validation error detected: Value '31' at 'timeoutSeconds' failed to satisfy constraint: Member must have value less than or equal to 30",
                "{\"UserPoolId\": \"" + poolId + "\", \"TimeoutSeconds\": 0}",
                "1 validation error detected: Value '0' at 'timeoutSeconds' failed to satisfy constraint: Member must have value greater than or equal to 1",
                "{\"UserPoolId\": \"" + poolId + "\", \"PostEventTriggers\": \"LATER\"}",
                "1 validation error detected: Value 'LATER' at 'postEventTriggers' failed to satisfy constraint: Member must satisfy enum value set: [DURABLE, SYNCHRONOUS]");
        bad.forEach((body, message) -> {
            Response refused = admin("SetTriggerSettings", body);
            assertThat(refused.header("x-amzn-ErrorType")).isEqualTo("InvalidParameterException");
            assertThat(JsonPath.from(refused.asString()).getString("message")).isEqualTo(message);
        });
        JsonPath unchanged = JsonPath.from(admin("DescribeTriggerSettings", "{\"UserPoolId\": \"" + poolId + "\"}").asString());
        assertThat(unchanged.getString("PostEventTriggers")).isEqualTo("SYNCHRONOUS");
        assertThat(unchanged.getInt("TimeoutSeconds")).isEqualTo(30);

        assertThat(admin("DescribeTriggerSettings", "{\"UserPoolId\": \"us-east-1_Nope00000\"}").header("x-amzn-ErrorType"))
                .isEqualTo("ResourceNotFoundException");
        assertThat(admin("SetTriggerSettings", "{\"UserPoolId\": \"us-east-1_Nope00000\", \"TimeoutSeconds\": 5}").header("x-amzn-ErrorType"))
                .isEqualTo("ResourceNotFoundException");
    }

    @Test
    void theTimeoutOfEverySynchronousTriggerIsThePoolsSetting() {
        String preSignUpPool = cognito.createUserPool(r -> r.poolName("pre sign-up timeout " + unique())
                .lambdaConfig(l -> l.preSignUp("https://functions.example.com/pre-sign-up"))).userPool().id();
        String preSignUpClient = cognito.createUserPoolClient(r -> r.userPoolId(preSignUpPool).clientName("app")).userPoolClient().clientId();
        admin("SetTriggerSettings", "{\"UserPoolId\": \"" + preSignUpPool + "\", \"TimeoutSeconds\": 7}").then().statusCode(200);
        TriggerRunnerStandIn.answerWith(Result::answered);

        app.signUp(r -> r.clientId(preSignUpClient).username("fay").password(PASSWORD));

        assertThat(TriggerRunnerStandIn.calls().get(0).trigger()).isEqualTo("PreSignUp");
        assertThat(TriggerRunnerStandIn.calls().get(0).timeoutMillis()).isEqualTo(7000);
    }
}
