package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.internalapi.TriggerInvocation;
import dev.cognate.testkit.ScriptRun;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.userpool.trigger.TriggerRunnerStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import dev.cognate.userpool.MovableClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.cognate.userpool.compat.TriggerTestSupport.assertCognitoError;
import static dev.cognate.userpool.compat.TriggerTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CUSTOM_AUTH flow driven by the AWS SDK v2 against a typical custom-auth function ({@link #FUNCTION}, served through
 * the trigger-runner stand-in, a real HTTP server): DefineAuthChallenge asks a question until the required number of
 * rounds is answered (three wrong answers fail), after SRP_A it asks PASSWORD_VERIFIER first; CreateAuthChallenge makes
 * round N's question with its answer as a private parameter; VerifyAuthChallengeResponse compares. Cognito's exact
 * events, the history through every step, the failures and their exceptions.
 */
@QuarkusTest
@ExtendWith(TriggerRunnerStandIn.Running.class)
class CustomAuthTest extends SignInFixture {

    private static final String DEFINE = "https://functions.example.com/define";
    private static final String CREATE = "https://functions.example.com/create";
    private static final String VERIFY = "https://functions.example.com/verify";

    /** How many correct custom answers the function wants before it issues tokens. */
    private static volatile int requiredRounds = 1;

    /** The function: Cognito's three custom-auth triggers, as a Lambda developer writes them. */
    private static final Function<JsonNode, Result> FUNCTION = event -> {
        ObjectNode answer = event.deepCopy();
        ObjectNode response = answer.putObject("response");
        JsonNode request = event.path("request");
        switch (event.path("triggerSource").asText()) {
            case "DefineAuthChallenge_Authentication" -> define(request.path("session"), response);
            case "CreateAuthChallenge_Authentication" -> {
                int round = customRounds(request.path("session")) + 1;
                response.putObject("publicChallengeParameters").put("question", "What is answer " + round + "?");
                response.putObject("privateChallengeParameters").put("answer", "answer-" + round);
                response.put("challengeMetadata", "ROUND-" + round);
            }
            case "VerifyAuthChallengeResponse_Authentication" -> response.put("answerCorrect",
                    request.path("privateChallengeParameters").path("answer").asText().equals(request.path("challengeAnswer").asText()));
            default -> throw new AssertionError("unexpected trigger " + event);
        }
        return Result.answered(answer);
    };

    private static void define(JsonNode session, ObjectNode response) {
        JsonNode last = session.size() == 0 ? null : session.get(session.size() - 1);
        if (last == null) {
            response.put("challengeName", "CUSTOM_CHALLENGE").put("issueTokens", false).put("failAuthentication", false);
        } else if (last.path("challengeName").asText().equals("SRP_A")) {
            response.put("challengeName", "PASSWORD_VERIFIER").put("issueTokens", false).put("failAuthentication", false);
        } else if (last.path("challengeName").asText().equals("PASSWORD_VERIFIER") && !last.path("challengeResult").asBoolean()) {
            response.put("issueTokens", false).put("failAuthentication", true);
        } else if (correctRounds(session) >= requiredRounds) {
            response.put("issueTokens", true).put("failAuthentication", false);
        } else if (customRounds(session) - correctRounds(session) >= 3) {
            response.put("issueTokens", false).put("failAuthentication", true);
        } else {
            response.put("challengeName", "CUSTOM_CHALLENGE").put("issueTokens", false).put("failAuthentication", false);
        }
    }

    private static int customRounds(JsonNode session) {
        int rounds = 0;
        for (JsonNode element : session) {
            rounds += element.path("challengeName").asText().equals("CUSTOM_CHALLENGE") ? 1 : 0;
        }
        return rounds;
    }

    private static int correctRounds(JsonNode session) {
        int rounds = 0;
        for (JsonNode element : session) {
            rounds += element.path("challengeName").asText().equals("CUSTOM_CHALLENGE") && element.path("challengeResult").asBoolean() ? 1 : 0;
        }
        return rounds;
    }

    String customClient;

    @Inject
    MovableClock clock;

    @AfterEach
    void putTimeBack() {
        clock.reset();
    }

    @BeforeEach
    void poolWithTheCustomAuthTriggers() {
        requiredRounds = 1;
        TriggerRunnerStandIn.answerWith(FUNCTION);
        poolId = cognito.createUserPool(r -> r.poolName("custom auth " + unique())
                .lambdaConfig(l -> l.defineAuthChallenge(DEFINE).createAuthChallenge(CREATE).verifyAuthChallengeResponse(VERIFY))).userPool().id();
        customClient = newClient(List.of(ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH, ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH), false);
    }

    private InitiateAuthResponse start(String username) {
        return anonymous.initiateAuth(r -> r.clientId(customClient).authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", username)).clientMetadata(Map.of("app", "web")));
    }

    private RespondToAuthChallengeResponse answer(String session, String username, String answer) {
        return anonymous.respondToAuthChallenge(r -> r.clientId(customClient).challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                .session(session).challengeResponses(Map.of("USERNAME", username, "ANSWER", answer)).clientMetadata(Map.of("step", "answer")));
    }

    private static List<JsonNode> events(String triggerSource) {
        List<JsonNode> events = new ArrayList<>();
        for (TriggerInvocation.Request call : TriggerRunnerStandIn.calls()) {
            if (call.event().path("triggerSource").asText().equals(triggerSource)) {
                events.add(call.event());
            }
        }
        return events;
    }

    private static List<String> triggerSources() {
        return TriggerRunnerStandIn.calls().stream().map(call -> call.event().path("triggerSource").asText()).toList();
    }

    private int failures() {
        var rows = db.preparedQuery("SELECT failures FROM sign_in_failures WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely();
        return rows.size() == 0 ? 0 : rows.iterator().next().getInteger(0);
    }

    @Test
    void aFixedAnswerSignsInWithCognitosExactEvents() throws Exception {
        String sub = createUser("ana", true);

        InitiateAuthResponse challenge = start("ana");

        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        assertThat(challenge.challengeParameters()).as("the public parameters and the user's name; the private ones stay on the server")
                .isEqualTo(Map.of("question", "What is answer 1?", "USERNAME", "ana"));
        String envelope = "\"version\":\"1\",\"region\":\"us-east-1\",\"userPoolId\":\"%s\",\"userName\":\"ana\",\"callerContext\":"
                .formatted(poolId) + "{\"awsSdkVersion\":\"aws-sdk-unknown-unknown\",\"clientId\":\"" + customClient + "\"},";
        String attributes = "\"userAttributes\":{\"sub\":\"" + sub + "\",\"cognito:user_status\":\"CONFIRMED\","
                + "\"email\":\"ana@example.com\",\"email_verified\":\"true\"}";
        assertThat(events("DefineAuthChallenge_Authentication").get(0)).isEqualTo(json("{" + envelope
                + "\"triggerSource\":\"DefineAuthChallenge_Authentication\",\"request\":{" + attributes + ",\"session\":[],"
                + "\"userNotFound\":false},"
                + "\"response\":{\"challengeName\":null,\"issueTokens\":null,\"failAuthentication\":null}}"));
        assertThat(events("CreateAuthChallenge_Authentication").get(0)).isEqualTo(json("{" + envelope
                + "\"triggerSource\":\"CreateAuthChallenge_Authentication\",\"request\":{" + attributes + ",\"challengeName\":\"CUSTOM_CHALLENGE\","
                + "\"session\":[],\"userNotFound\":false},"
                + "\"response\":{\"publicChallengeParameters\":null,\"privateChallengeParameters\":null,\"challengeMetadata\":null}}"));

        RespondToAuthChallengeResponse answered = answer(challenge.session(), "ana", "answer-1");

        AuthenticationResultType tokens = answered.authenticationResult();
        assertThat(answered.challengeName()).isNull();
        assertThat(verify(tokens.idToken(), customClient).getSubject()).isEqualTo(sub);
        assertThat(tokens.refreshToken()).isNotBlank();
        assertThat(events("VerifyAuthChallengeResponse_Authentication").get(0)).isEqualTo(json("{" + envelope
                + "\"triggerSource\":\"VerifyAuthChallengeResponse_Authentication\",\"request\":{" + attributes
                + ",\"privateChallengeParameters\":{\"answer\":\"answer-1\"},\"challengeAnswer\":\"answer-1\","
                + "\"clientMetadata\":{\"step\":\"answer\"},\"userNotFound\":false},\"response\":{\"answerCorrect\":null}}"));
        assertThat(events("DefineAuthChallenge_Authentication").get(1).path("request").path("session")).isEqualTo(json(
                "[{\"challengeName\":\"CUSTOM_CHALLENGE\",\"challengeResult\":true,\"challengeMetadata\":\"ROUND-1\"}]"));
        assertThat(events("DefineAuthChallenge_Authentication").get(1).path("request").path("clientMetadata"))
                .as("RespondToAuthChallenge's ClientMetadata; InitiateAuth's reaches neither Define nor Create, as Cognito")
                .isEqualTo(json("{\"step\":\"answer\"}"));
        assertThat(triggerSources()).containsExactly("DefineAuthChallenge_Authentication", "CreateAuthChallenge_Authentication",
                "VerifyAuthChallengeResponse_Authentication", "DefineAuthChallenge_Authentication");
        assertThat(OutboxRows.forPool(db, poolId, "authFlow")).anyMatch(row -> row.type().endsWith("signed_in.v1")
                && "CUSTOM_AUTH".equals(row.subjectOfData()));
    }

    @Test
    void aWrongAnswerCountsTowardsTheLockoutAndDefineAuthChallengeGivesAnotherTry() {
        createUser("bo", true);
        InitiateAuthResponse challenge = start("bo");

        RespondToAuthChallengeResponse retry = answer(challenge.session(), "bo", "wrong");

        assertThat(retry.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        assertThat(retry.challengeParameters()).containsEntry("question", "What is answer 2?");
        assertThat(failures()).isEqualTo(1);
        assertThat(events("DefineAuthChallenge_Authentication").get(1).path("request").path("session")).isEqualTo(json(
                "[{\"challengeName\":\"CUSTOM_CHALLENGE\",\"challengeResult\":false,\"challengeMetadata\":\"ROUND-1\"}]"));
        assertThat(events("CreateAuthChallenge_Authentication").get(1).path("request").path("session"))
                .as("CreateAuthChallenge sees the history too").isEqualTo(events("DefineAuthChallenge_Authentication").get(1).path("request").path("session"));

        assertThat(answer(retry.session(), "bo", "answer-2").authenticationResult().accessToken()).isNotBlank();
        assertThat(failures()).as("a success starts the count again").isZero();
        assertCognitoError(() -> answer(retry.session(), "bo", "answer-2"), "NotAuthorizedException",
                "Invalid session for the user, session is expired.");
    }

    @Test
    void wrongAnswersLockTheUserLikeWrongPasswords() {
        createUser("lars", true);
        // ten wrong answers, each after the previous lock (2^(n−5) s from the fifth) ended: the tenth locks for 32 s
        String next = null;
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(20));
            RespondToAuthChallengeResponse retry = answer(start("lars").session(), "lars", "no");
            assertThat(retry.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
            next = retry.session();
        }
        String afterTheTenth = next;

        assertThat(failures()).isEqualTo(10);
        assertCognitoError(() -> answer(afterTheTenth, "lars", "answer-2"), "NotAuthorizedException", "Password attempts exceeded");
        assertCognitoError(() -> start("lars"), "NotAuthorizedException", "Password attempts exceeded");
        String passwordClient = newClient(List.of(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH), false);
        assertCognitoError(() -> passwordAuth(passwordClient, "lars", PASSWORD), "NotAuthorizedException", "Password attempts exceeded");
        assertThat(events("VerifyAuthChallengeResponse_Authentication")).as("a locked user's answer is not judged").hasSize(10);

        clock.advance(Duration.ofSeconds(40));
        assertThat(answer(start("lars").session(), "lars", "answer-1").authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void threeWrongAnswersFailTheAuthenticationAsDefineAuthChallengeDecides() {
        createUser("cy", true);
        String session = start("cy").session();
        session = answer(session, "cy", "no").session();
        String last = answer(session, "cy", "nope").session();

        assertCognitoError(() -> answer(last, "cy", "still no"), "NotAuthorizedException", "Incorrect username or password.");
        assertThat(failures()).isEqualTo(3);
        assertThat(events("DefineAuthChallenge_Authentication").get(3).path("request").path("session")).hasSize(3);
        assertThat(OutboxRows.forPool(db, poolId, "reason")).anyMatch(row -> "custom_auth_failed".equals(row.subjectOfData()));
    }

    @Test
    void aTwoRoundChallengeCarriesTheHistoryWithEachRoundsMetadata() {
        requiredRounds = 2;
        createUser("di", true);
        InitiateAuthResponse first = start("di");
        RespondToAuthChallengeResponse second = answer(first.session(), "di", "answer-1");

        assertThat(second.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        assertThat(second.challengeParameters()).isEqualTo(Map.of("question", "What is answer 2?", "USERNAME", "di"));

        assertThat(answer(second.session(), "di", "answer-2").authenticationResult().idToken()).isNotBlank();
        List<JsonNode> defines = events("DefineAuthChallenge_Authentication");
        assertThat(defines).hasSize(3);
        assertThat(defines.get(2).path("request").path("session")).isEqualTo(json(
                "[{\"challengeName\":\"CUSTOM_CHALLENGE\",\"challengeResult\":true,\"challengeMetadata\":\"ROUND-1\"},"
                        + "{\"challengeName\":\"CUSTOM_CHALLENGE\",\"challengeResult\":true,\"challengeMetadata\":\"ROUND-2\"}]"));
    }

    @Test
    void srpThenACustomChallenge() throws Exception {
        String sub = createUser("ed", true);
        SrpClient srp = new SrpClient(poolId);

        InitiateAuthResponse verifier = anonymous.initiateAuth(r -> r.clientId(customClient).authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "ed", "CHALLENGE_NAME", "SRP_A", "SRP_A", srp.srpA())));

        assertThat(verifier.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
        assertThat(verifier.challengeParameters()).containsKeys("SALT", "SRP_B", "SECRET_BLOCK", "USER_ID_FOR_SRP", "USERNAME");
        assertThat(events("DefineAuthChallenge_Authentication").get(0).path("request").path("session"))
                .isEqualTo(json("[{\"challengeName\":\"SRP_A\",\"challengeResult\":true}]"));

        RespondToAuthChallengeResponse custom = anonymous.respondToAuthChallenge(r -> r.clientId(customClient)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER).session(verifier.session())
                .challengeResponses(answer(srp, verifier.challengeParameters(), PASSWORD)));

        assertThat(custom.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        assertThat(events("DefineAuthChallenge_Authentication").get(1).path("request").path("session")).isEqualTo(json(
                "[{\"challengeName\":\"SRP_A\",\"challengeResult\":true},{\"challengeName\":\"PASSWORD_VERIFIER\",\"challengeResult\":true}]"));
        RespondToAuthChallengeResponse done = answer(custom.session(), "ed", "answer-1");
        assertThat(verify(done.authenticationResult().idToken(), customClient).getSubject()).isEqualTo(sub);
    }

    @Test
    void theMfaStepFollowsOnlyWhenAPasswordWasVerifiedInTheFlow() {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)
                .softwareTokenMfaConfiguration(t -> t.enabled(true)));
        createUser("pat", true);

        assertThat(answer(start("pat").session(), "pat", "answer-1").authenticationResult().accessToken())
                .as("no password in the flow: the custom challenge is the whole authentication, as Cognito").isNotBlank();

        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse verifier = anonymous.initiateAuth(r -> r.clientId(customClient).authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "pat", "CHALLENGE_NAME", "SRP_A", "SRP_A", srp.srpA())));
        RespondToAuthChallengeResponse custom = anonymous.respondToAuthChallenge(r -> r.clientId(customClient)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER).session(verifier.session())
                .challengeResponses(answer(srp, verifier.challengeParameters(), PASSWORD)));
        RespondToAuthChallengeResponse mfa = answer(custom.session(), "pat", "answer-1");

        assertThat(mfa.challengeName()).as("a password was verified: the pool's MFA follows").isEqualTo(ChallengeNameType.MFA_SETUP);
        assertThat(mfa.authenticationResult()).isNull();
    }

    @Test
    void aWrongPasswordInsideTheCustomFlowGoesToDefineAuthChallengeAndCounts() {
        createUser("flo", true);
        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse verifier = anonymous.initiateAuth(r -> r.clientId(customClient).authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "flo", "CHALLENGE_NAME", "SRP_A", "SRP_A", srp.srpA())));

        assertCognitoError(() -> anonymous.respondToAuthChallenge(r -> r.clientId(customClient)
                        .challengeName(ChallengeNameType.PASSWORD_VERIFIER).session(verifier.session())
                        .challengeResponses(answer(srp, verifier.challengeParameters(), "Wrong-Horse-1"))),
                "NotAuthorizedException", "Incorrect username or password.");
        assertThat(events("DefineAuthChallenge_Authentication").get(1).path("request").path("session").get(1))
                .isEqualTo(json("{\"challengeName\":\"PASSWORD_VERIFIER\",\"challengeResult\":false}"));
        assertThat(failures()).isEqualTo(1);
    }

    @Test
    void adminInitiateAuthAndAdminRespondToAuthChallengeRunTheSameFlow() {
        createUser("gil", true);
        AdminInitiateAuthResponse challenge = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(customClient)
                .authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", "gil")));

        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        assertThat(cognito.adminRespondToAuthChallenge(r -> r.userPoolId(poolId).clientId(customClient)
                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "gil", "ANSWER", "answer-1"))).authenticationResult().accessToken()).isNotBlank();
        assertThat(events("DefineAuthChallenge_Authentication").get(0).path("request").has("clientMetadata"))
                .as("no ClientMetadata in the request: none in the event").isFalse();
    }

    @Test
    void anUnknownUserRunsTheFlowWithUserNotFoundAndIsRefusedAtTheEnd() {
        InitiateAuthResponse challenge = start("nobody");

        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        JsonNode define = events("DefineAuthChallenge_Authentication").get(0);
        assertThat(define.path("userName").asText()).isEqualTo("nobody");
        assertThat(define.path("request").path("userAttributes")).isEqualTo(json("{}"));
        assertThat(define.path("request").path("userNotFound").asBoolean()).isTrue();

        assertCognitoError(() -> answer(challenge.session(), "nobody", "answer-1"), "NotAuthorizedException",
                "Incorrect username or password.");
        assertThat(events("VerifyAuthChallengeResponse_Authentication").get(0).path("request").path("userNotFound").asBoolean()).isTrue();
    }

    @Test
    void anUnknownUserOfALegacyClientIsUserNotFoundBeforeAnyTrigger() {
        String legacy = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("legacy")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .preventUserExistenceErrors(PreventUserExistenceErrorTypes.LEGACY)).userPoolClient().clientId();
        createUser("hal", true);

        assertCognitoError(() -> anonymous.initiateAuth(r -> r.clientId(legacy).authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "nobody"))), "UserNotFoundException", "User does not exist.");
        assertThat(TriggerRunnerStandIn.calls()).isEmpty();

        anonymous.initiateAuth(r -> r.clientId(legacy).authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", "hal")));
        assertThat(events("DefineAuthChallenge_Authentication").get(0).path("request").has("userNotFound"))
                .as("userNotFound goes only to clients with PreventUserExistenceErrors ENABLED").isFalse();
    }

    @Test
    void aDisabledUserIsRefusedBeforeAnyTrigger() {
        createUser("ida", true);
        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("ida"));

        assertCognitoError(() -> start("ida"), "NotAuthorizedException", "User is disabled.");
        assertThat(TriggerRunnerStandIn.calls()).isEmpty();
    }

    @Test
    void theFunctionsErrorsAreCognitosLambdaExceptions() {
        createUser("jay", true);
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "no custom auth today"));
        assertCognitoError(() -> start("jay"), "UserLambdaValidationException", "DefineAuthChallenge failed with error no custom auth today.");

        TriggerRunnerStandIn.answerWith(event -> event.path("triggerSource").asText().startsWith("Create")
                ? Result.answered(withResponse(event, "{\"publicChallengeParameters\": {\"question\": 42}}")) : FUNCTION.apply(event));
        assertCognitoError(() -> start("jay"), "InvalidLambdaResponseException", "Unrecognizable lambda output");

        TriggerRunnerStandIn.answerWith(event -> Result.answered(withResponse(event, "{\"issueTokens\": false}")));
        assertCognitoError(() -> start("jay"), "InvalidLambdaResponseException", "Unrecognizable lambda output");

        TriggerRunnerStandIn.answerWith(event -> Result.answered(withResponse(event, "{\"challengeName\": \"SMS_MFA\"}")));
        assertCognitoError(() -> start("jay"), "InvalidLambdaResponseException", "Unrecognizable lambda output");

        TriggerRunnerStandIn.answerWith(FUNCTION);
        String session = start("jay").session();
        TriggerRunnerStandIn.answerWith(event -> Result.failed(Outcome.NO_ANSWER, "TimeoutError", "no answer within 1500 ms"));
        assertCognitoError(() -> answer(session, "jay", "answer-1"), "UnexpectedLambdaException",
                "VerifyAuthChallengeResponse invocation failed due to error TimeoutError.");
        assertThat(failures()).as("the user's answer was never judged").isZero();
    }

    private static JsonNode withResponse(JsonNode event, String response) {
        ObjectNode answer = event.deepCopy();
        answer.set("response", json(response));
        return answer;
    }

    @Test
    void aPoolWithoutTheChallengeTriggersRefusesTheFlow() {
        createUser("kim", true);
        String plain = newPool("no custom triggers");
        String client = cognito.createUserPoolClient(r -> r.userPoolId(plain).clientName("app")).userPoolClient().clientId();
        assertCognitoError(() -> anonymous.initiateAuth(r -> r.clientId(client).authFlow(AuthFlowType.CUSTOM_AUTH)
                        .authParameters(Map.of("USERNAME", "kim"))), "InvalidParameterException",
                "Custom auth lambda trigger is not configured for the user pool.");

        cognito.updateUserPool(r -> r.userPoolId(poolId).lambdaConfig(l -> l.defineAuthChallenge(DEFINE)));
        assertCognitoError(() -> start("kim"), "InvalidParameterException", "Custom auth lambda trigger is not configured for the user pool.");
        assertThat(triggerSources()).as("DefineAuthChallenge ran, CreateAuthChallenge is missing")
                .containsExactly("DefineAuthChallenge_Authentication");

        cognito.updateUserPool(r -> r.userPoolId(poolId).lambdaConfig(l -> l.defineAuthChallenge(DEFINE).createAuthChallenge(CREATE)));
        TriggerRunnerStandIn.answerWith(FUNCTION);
        assertCognitoError(() -> start("kim"), "InvalidParameterException", "Custom auth lambda trigger is not configured for the user pool.");
        assertThat(triggerSources()).as("no challenge is made that nothing could verify").containsExactly("DefineAuthChallenge_Authentication");
    }

    @Test
    void aClientWithASecretSendsTheSecretHashOnEveryStep() throws Exception {
        createUser("sol", true);
        var client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("server").generateSecret(true)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(client.clientSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String secretHash = java.util.Base64.getEncoder().encodeToString(mac.doFinal(("sol" + client.clientId())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertCognitoError(() -> anonymous.initiateAuth(r -> r.clientId(client.clientId()).authFlow(AuthFlowType.CUSTOM_AUTH)
                        .authParameters(Map.of("USERNAME", "sol"))), "NotAuthorizedException",
                "Client " + client.clientId() + " is configured with secret but SECRET_HASH was not received");
        assertThat(TriggerRunnerStandIn.calls()).isEmpty();
        InitiateAuthResponse challenge = anonymous.initiateAuth(r -> r.clientId(client.clientId()).authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "sol", "SECRET_HASH", secretHash)));
        assertCognitoError(() -> anonymous.respondToAuthChallenge(r -> r.clientId(client.clientId())
                        .challengeName(ChallengeNameType.CUSTOM_CHALLENGE).session(challenge.session())
                        .challengeResponses(Map.of("USERNAME", "sol", "ANSWER", "answer-1"))), "NotAuthorizedException",
                "Client " + client.clientId() + " is configured with secret but SECRET_HASH was not received");

        assertThat(anonymous.respondToAuthChallenge(r -> r.clientId(client.clientId()).challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                .session(challenge.session()).challengeResponses(Map.of("USERNAME", "sol", "ANSWER", "answer-1", "SECRET_HASH", secretHash)))
                .authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void preAuthenticationRunsFirstWithInitiateAuthsClientMetadataAndItsVetoEndsTheFlow() {
        createUser("pia", true);
        cognito.updateUserPool(r -> r.userPoolId(poolId).lambdaConfig(l -> l.preAuthentication("https://functions.example.com/pre-auth")
                .defineAuthChallenge(DEFINE).createAuthChallenge(CREATE).verifyAuthChallengeResponse(VERIFY)));
        TriggerRunnerStandIn.answerWith(event -> event.path("triggerSource").asText().equals("PreAuthentication_Authentication")
                ? (event.path("request").path("validationData").path("app").asText().equals("web")
                        ? Result.failed(Outcome.FUNCTION_ERROR, "Error", "not from the web") : Result.answered(event))
                : FUNCTION.apply(event));

        assertCognitoError(() -> start("pia"), "UserLambdaValidationException", "PreAuthentication failed with error not from the web.");
        assertThat(triggerSources()).containsExactly("PreAuthentication_Authentication");

        InitiateAuthResponse challenge = anonymous.initiateAuth(r -> r.clientId(customClient).authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "pia")).clientMetadata(Map.of("app", "mobile")));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        assertThat(events("DefineAuthChallenge_Authentication").get(0).path("request").has("clientMetadata")).isFalse();
    }

    @Test
    void aClientThatDoesNotAllowCustomAuthIsRefused() {
        createUser("lou", true);
        assertCognitoError(() -> anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "lou"))), "InvalidParameterException", "CUSTOM_AUTH flow not enabled for this client");
        assertThat(TriggerRunnerStandIn.calls()).isEmpty();
    }

    @Test
    void badInputIsInvalidParameterAndTheSessionStaysUsable() {
        createUser("mo", true);
        assertCognitoError(() -> anonymous.initiateAuth(r -> r.clientId(customClient).authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of())), "InvalidParameterException", "Missing required parameter USERNAME");
        assertCognitoError(() -> anonymous.initiateAuth(r -> r.clientId(customClient).authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "mo", "CHALLENGE_NAME", "SRP_A"))), "InvalidParameterException", "Missing required parameter SRP_A");
        String session = start("mo").session();

        assertCognitoError(() -> anonymous.respondToAuthChallenge(r -> r.clientId(customClient).challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                .session(session).challengeResponses(Map.of("USERNAME", "mo"))), "InvalidParameterException", "Missing required parameter ANSWER");

        assertThat(answer(session, "mo", "answer-1").authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void aFlowEndsAfterTenChallenges() {
        requiredRounds = 100;
        createUser("ned", true);
        String session = start("ned").session();
        for (int round = 1; round < 10; round++) {
            session = answer(session, "ned", "answer-" + round).session();
        }
        String tenth = session;

        assertCognitoError(() -> answer(tenth, "ned", "answer-10"), "NotAuthorizedException", "Incorrect username or password.");
        ArrayNode history = (ArrayNode) events("DefineAuthChallenge_Authentication").get(10).path("request").path("session");
        assertThat(history).hasSize(10);
    }

    @Test
    void amazonCognitoIdentityJsAnswersCustomChallengesWithAndWithoutSrp() {
        Path scripts = Path.of("src/test/node");
        assumeTrue(Files.isDirectory(scripts.resolve("node_modules/amazon-cognito-identity-js")) && ScriptRun.works("node", "--version"),
                "node and src/test/node/node_modules are needed (CI runs npm ci there)");
        createUser("jsuser", true);

        ScriptRun node = ScriptRun.run(scripts, Duration.ofMinutes(2), List.of("node", "custom_auth_with_amazon_cognito_identity_js.mjs",
                endpoint.toString().replaceAll("/$", ""), poolId, customClient, "jsuser", PASSWORD));

        assertThat(node.succeeded()).as("node (finished in 2 minutes: %s, exit %s) output:%n%s", node.finished(), node.exitCode(),
                node.output()).isTrue();
        assertThat(node.output()).contains("all checks passed");
        assertThat(events("DefineAuthChallenge_Authentication").get(0).path("request").has("clientMetadata"))
                .as("InitiateAuth's ClientMetadata does not reach DefineAuthChallenge, as Cognito").isFalse();
        assertThat(events("VerifyAuthChallengeResponse_Authentication").get(0).path("request").path("clientMetadata"))
                .isEqualTo(json("{\"device\":\"node\"}"));
    }
}
