package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.internalapi.TriggerInvocation;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.trigger.TriggerRunnerStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import static dev.cognate.userpool.compat.TriggerTestSupport.assertCognitoError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PreSignUp trigger driven by the AWS SDK v2: the exact event user-pool-service sends for SignUp and
 * AdminCreateUser, the answer honoured (auto-confirm, auto-verify), and every failure mapped to Cognito's exception
 * with nothing left behind — no user, no code, no event.
 */
@QuarkusTest
@ExtendWith(TriggerRunnerStandIn.Running.class)
class PreSignUpTriggerTest extends CognitoIdpTest {

    private static final String FUNCTION = "https://functions.example.com/pre-sign-up";
    private static final String PASSWORD = "Correct-Horse-9";

    @Inject
    Pool db;

    CognitoIdentityProviderClient anonymous;
    String poolId;
    String clientId;

    @BeforeEach
    void poolWithPreSignUp() {
        anonymous = CognitoIdentityProviderClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create()).build();
        poolId = cognito.createUserPool(r -> r.poolName("pre sign-up " + unique()).autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .lambdaConfig(l -> l.preSignUp(FUNCTION))).userPool().id();
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")).userPoolClient().clientId();
    }

    @AfterEach
    void closeAnonymous() {
        anonymous.close();
    }

    private static Function<JsonNode, Result> answering(String response) {
        return event -> {
            ObjectNode answer = event.deepCopy();
            try {
                answer.set("response", new com.fasterxml.jackson.databind.ObjectMapper().readTree(response));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Result.answered(answer);
        };
    }

    private SignUpResponse signUp(String username) {
        return anonymous.signUp(r -> r.clientId(clientId).username(username).password(PASSWORD)
                .userAttributes(AttributeType.builder().name("email").value(username + "@example.com").build())
                .validationData(AttributeType.builder().name("invite").value("X-42").build())
                .clientMetadata(Map.of("campaign", "winter")));
    }

    private void assertNothingLeftBehind(String username) {
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId(poolId).username(username)))
                .isInstanceOf(UserNotFoundException.class);
        assertThat(Mailbox.codes(db, poolId)).as("no code sent").isEmpty();
        assertThat(OutboxRows.forPool(db, poolId, "username")).as("no event of the user")
                .noneMatch(row -> username.equals(row.subjectOfData()));
    }

    @Test
    void signUpSendsCognitosEventAndAnUnchangedAnswerLeavesTheUsualSignUp() throws Exception {
        TriggerRunnerStandIn.answerWith(Result::answered);

        SignUpResponse response = signUp("ana");

        assertThat(response.userConfirmed()).isFalse();
        assertThat(response.codeDeliveryDetails().attributeName()).isEqualTo("email");
        TriggerInvocation.Request call = TriggerRunnerStandIn.calls().get(0);
        assertThat(call.userPoolId()).isEqualTo(poolId);
        assertThat(call.trigger()).isEqualTo("PreSignUp");
        assertThat(call.target()).isEqualTo(FUNCTION);
        assertThat(call.timeoutMillis()).isEqualTo(1500);
        assertThat(call.event().toString()).isEqualTo(("{\"version\":\"1\",\"triggerSource\":\"PreSignUp_SignUp\",\"region\":\"us-east-1\","
                + "\"userPoolId\":\"%s\",\"userName\":\"ana\",\"callerContext\":{\"awsSdkVersion\":\"aws-sdk-unknown-unknown\","
                + "\"clientId\":\"%s\"},\"request\":{\"userAttributes\":{\"email\":\"ana@example.com\"},\"validationData\":{\"invite\":\"X-42\"},"
                + "\"clientMetadata\":{\"campaign\":\"winter\"}},\"response\":{\"autoConfirmUser\":false,\"autoVerifyEmail\":false,"
                + "\"autoVerifyPhone\":false}}").formatted(poolId, clientId));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("ana")).userStatus()).isEqualTo(UserStatusType.UNCONFIRMED);
        assertThat(OutboxRows.forPool(db, poolId, "username")).as("the check of the failure tests finds an event where there is one")
                .anyMatch(row -> "ana".equals(row.subjectOfData()));
        assertThat(Mailbox.codes(db, poolId)).hasSize(1);
    }

    @Test
    void autoConfirmAndAutoVerifyConfirmTheUserWithoutSendingACode() {
        TriggerRunnerStandIn.answerWith(answering("{\"autoConfirmUser\": true, \"autoVerifyEmail\": true, \"autoVerifyPhone\": false}"));

        SignUpResponse response = signUp("bea");

        assertThat(response.userConfirmed()).isTrue();
        assertThat(response.codeDeliveryDetails()).isNull();
        var user = cognito.adminGetUser(r -> r.userPoolId(poolId).username("bea"));
        assertThat(user.userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(user.userAttributes()).contains(AttributeType.builder().name("email_verified").value("true").build());
        assertThat(Mailbox.codes(db, poolId)).isEmpty();
    }

    @Test
    void theFunctionsErrorVetoesTheSignUpWithNothingLeftBehind() {
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "Sign-ups from example.com are closed"));

        assertCognitoError(() -> signUp("cid"), "UserLambdaValidationException", "PreSignUp failed with error Sign-ups from example.com are closed.");
        assertNothingLeftBehind("cid");
    }

    @Test
    void anUnrecognizableAnswerIsInvalidLambdaResponseWithNothingLeftBehind() {
        TriggerRunnerStandIn.answerWith(answering("{\"autoConfirmUser\": \"yes\"}"));
        assertCognitoError(() -> signUp("dag"), "InvalidLambdaResponseException", "Unrecognizable lambda output");

        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.INVALID_RESPONSE, "InvalidAnswer", "not JSON"));
        assertCognitoError(() -> signUp("dag"), "InvalidLambdaResponseException", "Unrecognizable lambda output");
        assertNothingLeftBehind("dag");
    }

    @Test
    void noAnswerIsUnexpectedLambdaExceptionWithNothingLeftBehind() {
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.NO_ANSWER, "TimeoutError", "no answer within 1500 ms"));
        assertCognitoError(() -> signUp("eve"), "UnexpectedLambdaException", "PreSignUp invocation failed due to error TimeoutError.");

        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.NO_ANSWER, "EgressRefused", "the egress guard refuses it"));
        assertCognitoError(() -> signUp("eve"), "UnexpectedLambdaException", "PreSignUp invocation failed due to error EgressRefused.");
        assertNothingLeftBehind("eve");
    }

    @Test
    void aTriggerRunnerThatDoesNotAnswerFailsClosedWithinTheTimeoutAndItsMargin() {
        TriggerRunnerStandIn.answerWith(Result::answered);
        TriggerRunnerStandIn.delayAnswers(Duration.ofSeconds(6));
        long started = System.nanoTime();

        assertCognitoError(() -> signUp("fay"), "UnexpectedLambdaException",
                "PreSignUp invocation failed due to error TriggerRunnerUnavailable.");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(5500));
        assertNothingLeftBehind("fay");
    }

    @Test
    void adminCreateUserRunsPreSignUpAdminCreateUserAndHonoursAutoVerifyButNotAutoConfirm() {
        TriggerRunnerStandIn.answerWith(answering("{\"autoConfirmUser\": true, \"autoVerifyEmail\": true}"));

        var user = cognito.adminCreateUser(r -> r.userPoolId(poolId).username("gus").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("email").value("gus@example.com").build())
                .clientMetadata(Map.of("source", "crm"))).user();

        assertThat(user.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(user.attributes()).contains(AttributeType.builder().name("email_verified").value("true").build());
        JsonNode event = TriggerRunnerStandIn.calls().get(0).event();
        assertThat(event.path("triggerSource").asText()).isEqualTo("PreSignUp_AdminCreateUser");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo("CLIENT_ID_NOT_APPLICABLE");
        assertThat(event.path("request").path("validationData").isNull()).isTrue();
        assertThat(event.path("request").path("clientMetadata").path("source").asText()).isEqualTo("crm");
    }

    @Test
    void adminCreateUserVetoedLeavesNoUser() {
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "not in the HR system"));

        assertCognitoError(() -> cognito.adminCreateUser(r -> r.userPoolId(poolId).username("hal")
                        .userAttributes(AttributeType.builder().name("email").value("hal@example.com").build())),
                "UserLambdaValidationException", "PreSignUp failed with error not in the HR system.");
        assertNothingLeftBehind("hal");
    }

    @Test
    void autoVerifyingAnAttributeTheUserLacksIsRefused() {
        TriggerRunnerStandIn.answerWith(answering("{\"autoVerifyPhone\": true}"));

        assertCognitoError(() -> signUp("ivy"), "InvalidLambdaResponseException",
                "PreSignUp asked to verify phone_number but the user has no phone_number.");
        assertNothingLeftBehind("ivy");
    }

    @Test
    void aPoolWithoutTheTriggerCallsNothing() {
        TriggerRunnerStandIn.answerWith(event -> {
            throw new AssertionError("no trigger configured: nothing to call");
        });
        String plain = cognito.createUserPool(r -> r.poolName("no triggers " + unique())).userPool().id();
        String client = cognito.createUserPoolClient(r -> r.userPoolId(plain).clientName("app")).userPoolClient().clientId();

        anonymous.signUp(r -> r.clientId(client).username("jo").password(PASSWORD));

        assertThat(TriggerRunnerStandIn.calls()).isEmpty();
    }
}
