package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.userpool.trigger.TriggerRunnerStandIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthEventType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;

import java.util.List;
import java.util.Map;

import static dev.cognate.userpool.compat.TriggerTestSupport.assertCognitoError;
import static dev.cognate.userpool.compat.TriggerTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PreAuthentication trigger driven by the AWS SDK v2: Cognito's exact {@code PreAuthentication_Authentication} event
 * (InitiateAuth's {@code ClientMetadata} as {@code validationData}, {@code userNotFound} for clients that hide unknown
 * users), run before the password is checked on every password flow and on SRP's first step; its veto refuses the
 * sign-in with Cognito's exception, counts no failed attempt, and is recorded as a refused sign-in.
 */
@QuarkusTest
@ExtendWith(TriggerRunnerStandIn.Running.class)
class PreAuthenticationTriggerTest extends SignInFixture {

    private static final String FUNCTION = "https://functions.example.com/pre-authentication";

    @BeforeEach
    void poolWithPreAuthentication() {
        cognito.updateUserPool(r -> r.userPoolId(poolId).lambdaConfig(l -> l.preAuthentication(FUNCTION)));
        TriggerRunnerStandIn.answerWith(Result::answered);
    }

    @Test
    void passwordSignInSendsCognitosEventWithClientMetadataAsValidationDataAndSignsIn() {
        String sub = createUser("ana", true);

        InitiateAuthResponse response = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "ana", "PASSWORD", PASSWORD)).clientMetadata(Map.of("device", "kiosk-7")));

        assertThat(response.authenticationResult().idToken()).isNotBlank();
        assertThat(TriggerRunnerStandIn.calls()).hasSize(1);
        assertThat(TriggerRunnerStandIn.calls().get(0).trigger()).isEqualTo("PreAuthentication");
        assertThat(TriggerRunnerStandIn.calls().get(0).target()).isEqualTo(FUNCTION);
        assertThat(TriggerRunnerStandIn.calls().get(0).event()).isEqualTo(json(("{\"version\":\"1\",\"triggerSource\":"
                + "\"PreAuthentication_Authentication\",\"region\":\"us-east-1\",\"userPoolId\":\"%s\",\"userName\":\"ana\","
                + "\"callerContext\":{\"awsSdkVersion\":\"aws-sdk-unknown-unknown\",\"clientId\":\"%s\"},\"request\":{\"userAttributes\":"
                + "{\"sub\":\"%s\",\"email\":\"ana@example.com\",\"email_verified\":\"true\",\"cognito:user_status\":\"CONFIRMED\"},"
                + "\"validationData\":{\"device\":\"kiosk-7\"},\"userNotFound\":false},\"response\":{}}").formatted(poolId, clientId, sub)));
    }

    @Test
    void aVetoRefusesTheSignInCountsNoFailedAttemptAndIsRecorded() {
        createUser("bo", true);
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "Sign-ins are paused"));

        for (int attempt = 0; attempt < 7; attempt++) {
            assertCognitoError(() -> passwordAuth(clientId, "bo", "Wrong-Password-1"), "UserLambdaValidationException",
                    "PreAuthentication failed with error Sign-ins are paused.");
        }

        TriggerRunnerStandIn.answerWith(Result::answered);
        assertThat(passwordAuth(clientId, "bo", PASSWORD).authenticationResult().accessToken())
                .as("seven vetoed tries with a wrong password locked nothing: the password was never checked").isNotBlank();
        List<AuthEventType> events = cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username("bo")).authEvents();
        assertThat(events).hasSize(8);
        assertThat(events.get(1).eventResponseAsString()).isEqualTo("Fail");
        assertThat(events.get(1).challengeResponses()).as("no password checked").isEmpty();
        assertThat(OutboxRows.forPool(db, poolId, "reason")).anyMatch(row -> "pre_authentication_failed".equals(row.subjectOfData()));
    }

    @Test
    void adminPasswordSignInRunsItToo() {
        createUser("cy", true);
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "admins may not"));

        assertCognitoError(() -> cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                        .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "cy", "PASSWORD", PASSWORD))),
                "UserLambdaValidationException", "PreAuthentication failed with error admins may not.");
        assertThat(TriggerRunnerStandIn.calls().get(0).event().path("callerContext").path("clientId").asText()).isEqualTo(clientId);
        assertThat(TriggerRunnerStandIn.calls().get(0).event().path("request").path("validationData").isNull()).isTrue();
    }

    @Test
    void srpRunsItOnTheFirstStepBeforeAnyChallenge() {
        createUser("di", true);
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "no SRP today"));
        SrpClient srp = new SrpClient(poolId);

        assertCognitoError(() -> anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                        .authParameters(Map.of("USERNAME", "di", "SRP_A", srp.srpA()))),
                "UserLambdaValidationException", "PreAuthentication failed with error no SRP today.");

        TriggerRunnerStandIn.answerWith(Result::answered);
        SrpClient again = new SrpClient(poolId);
        InitiateAuthResponse challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "di", "SRP_A", again.srpA())));
        assertThat(challenge.challengeNameAsString()).isEqualTo("PASSWORD_VERIFIER");
        var tokens = anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName("PASSWORD_VERIFIER").session(challenge.session())
                .challengeResponses(answer(again, challenge.challengeParameters(), PASSWORD)));
        assertThat(tokens.authenticationResult().idToken()).isNotBlank();
        assertThat(TriggerRunnerStandIn.calls()).as("once per sign-in: at SRP's first step only").hasSize(1);
    }

    @Test
    void anUnknownUserReachesItOnlyWhenTheClientHidesUnknownUsers() {
        assertCognitoError(() -> passwordAuth(clientId, "nobody", PASSWORD), "NotAuthorizedException", "Incorrect username or password.");
        assertThat(TriggerRunnerStandIn.calls()).hasSize(1);
        JsonNode request = TriggerRunnerStandIn.calls().get(0).event().path("request");
        assertThat(request).isEqualTo(json("{\"userAttributes\":{},\"validationData\":null,\"userNotFound\":true}"));
        assertThat(TriggerRunnerStandIn.calls().get(0).event().path("userName").asText()).isEqualTo("nobody");

        String legacy = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("legacy")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .preventUserExistenceErrors(PreventUserExistenceErrorTypes.LEGACY)).userPoolClient().clientId();
        assertCognitoError(() -> passwordAuth(legacy, "nobody", PASSWORD), "UserNotFoundException", "User does not exist.");
        assertThat(TriggerRunnerStandIn.calls()).as("not for a client that tells unknown users apart").hasSize(1);

        createUser("eli", true);
        passwordAuth(legacy, "eli", PASSWORD);
        assertThat(TriggerRunnerStandIn.calls().get(1).event().path("request").has("userNotFound"))
                .as("userNotFound only for clients with PreventUserExistenceErrors ENABLED").isFalse();
    }

    @Test
    void noAnswerAndUnrecognizableAnswersRefuseTheSignIn() {
        createUser("fin", true);
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.NO_ANSWER, "TimeoutError", "no answer"));
        assertCognitoError(() -> passwordAuth(clientId, "fin", PASSWORD), "UnexpectedLambdaException",
                "PreAuthentication invocation failed due to error TimeoutError.");
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.INVALID_RESPONSE, "InvalidAnswer", "not JSON"));
        assertCognitoError(() -> passwordAuth(clientId, "fin", PASSWORD), "InvalidLambdaResponseException", "Unrecognizable lambda output");
    }
}
