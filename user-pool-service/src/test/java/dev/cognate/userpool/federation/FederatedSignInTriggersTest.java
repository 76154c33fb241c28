package dev.cognate.userpool.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.internalapi.HostedLoginResponses.SignedInUser;
import dev.cognate.internalapi.TriggerInvocation;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.userpool.SignedJson;
import dev.cognate.userpool.compat.OutboxRows;
import dev.cognate.userpool.trigger.TriggerRunnerStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The triggers of a federated sign-in, through trigger-runner's real invoke API (its stand-in, a JDK HTTP server): the
 * InboundFederation trigger on every sign-in before the mapping, PreSignUp ({@code PreSignUp_ExternalProvider}) and a
 * durable PostConfirmation ({@code PostConfirmation_ConfirmSignUp}) at the first one only, never PreAuthentication or
 * PostAuthentication; Cognito's exact events, their answers honoured, their failures refusing the sign-in with nothing
 * created.
 */
@QuarkusTest
@ExtendWith(TriggerRunnerStandIn.Running.class)
class FederatedSignInTriggersTest extends FederationFixture {

    private static final String INBOUND = "https://functions.example.com/inbound-federation";
    private static final String PRE_SIGN_UP = "https://functions.example.com/pre-sign-up";
    private static final String POST_CONFIRMATION = "https://functions.example.com/post-confirmation";
    private static final Map<String, String> TOKENS = Map.of("token_type", "Bearer", "expires_in", "3600");
    private static final Map<String, String> CLAIMS = Map.of("sub", "s1", "email", "sam@example.com", "name", "Sam", "team", "core");
    private static final ExternalIdentity.InboundFederationAttributes INBOUND_ATTRIBUTES =
            new ExternalIdentity.InboundFederationAttributes(TOKENS, CLAIMS, Map.of("sub", "s1", "picture", "https://img.example.com/s1"), null);

    @Override
    void poolSettings(CreateUserPoolRequest.Builder pool) {
        super.poolSettings(pool);
        pool.lambdaConfig(l -> l.preSignUp(PRE_SIGN_UP).postConfirmation(POST_CONFIRMATION)
                .preAuthentication("https://functions.example.com/pre-authentication")
                .postAuthentication("https://functions.example.com/post-authentication"));
    }

    @BeforeEach
    void withInboundFederation() {
        // the AWS SDK for Java v2 of this build predates LambdaConfig.InboundFederation: set it with a raw UpdateUserPool
        String update = SignedJson.call(endpoint, "UpdateUserPool", ("{\"UserPoolId\": \"%s\", \"LambdaConfig\": {\"PreSignUp\": \"%s\","
                + " \"PostConfirmation\": \"%s\", \"PreAuthentication\": \"https://functions.example.com/pre-authentication\","
                + " \"PostAuthentication\": \"https://functions.example.com/post-authentication\","
                + " \"InboundFederation\": {\"LambdaVersion\": \"V1_0\", \"LambdaArn\": \"%s\"}}}")
                .formatted(poolId, PRE_SIGN_UP, POST_CONFIRMATION, INBOUND)).then().statusCode(200).extract().asString();
        assertThat(update).isEqualTo("{}");
    }

    /** A function per trigger: the event back with {@code response} as {@code responses} says (the event unchanged when absent). */
    private static Function<JsonNode, Result> functions(Map<String, Function<JsonNode, Result>> byTrigger) {
        return event -> {
            String source = event.get("triggerSource").asText();
            String trigger = source.substring(0, source.indexOf('_'));
            return byTrigger.getOrDefault(trigger, Result::answered).apply(event);
        };
    }

    private static Function<JsonNode, Result> answering(String response) {
        return event -> {
            ObjectNode answer = event.deepCopy();
            answer.set("response", json(response));
            return Result.answered(answer);
        };
    }

    private SignedInUser signInSam(Map<String, String> attributes) {
        return signIn("Corp", "s1", attributes, INBOUND_ATTRIBUTES);
    }

    private List<JsonNode> postTriggerRequests() {
        List<JsonNode> requests = new ArrayList<>();
        db.preparedQuery("SELECT payload FROM outbox WHERE payload::jsonb->>'source' = $1 AND payload::jsonb->>'type' = $2 ORDER BY id")
                .execute(Tuple.of("/userpools/" + poolId, UserPoolEvents.POST_TRIGGER_REQUESTED.name())).await().indefinitely()
                .forEach(row -> requests.add(json(row.getValue(0).toString()).get("data")));
        return requests;
    }

    private void assertNothingCreated() {
        assertCognitoError(() -> user("Corp_s1"), "UserNotFoundException", "User does not exist.");
        assertThat(OutboxRows.forPool(db, poolId, "username")).extracting(OutboxRows.Row::type)
                .doesNotContain("cognate.userpool.user.created.v1", "cognate.userpool.user.signed_in.v1");
        assertThat(postTriggerRequests()).isEmpty();
    }

    @Test
    void theFirstSignInRunsInboundFederationPreSignUpAndPostConfirmationWithCognitosEvents() {
        TriggerRunnerStandIn.answerWith(functions(Map.of()));

        SignedInUser signedIn = signInSam(CLAIMS);

        List<TriggerInvocation.Request> calls = TriggerRunnerStandIn.calls();
        assertThat(calls).extracting(TriggerInvocation.Request::trigger).as("PostConfirmation is durable: not called on the way")
                .containsExactly("InboundFederation", "PreSignUp");
        assertThat(calls.get(0).target()).isEqualTo(INBOUND);
        assertThat(calls.get(0).event().toString()).isEqualTo(("{\"version\":\"1\",\"triggerSource\":\"InboundFederation_ExternalProvider\","
                + "\"region\":\"us-east-1\",\"userPoolId\":\"%s\",\"userName\":\"Corp_s1\",\"callerContext\":{\"awsSdkVersion\":"
                + "\"aws-sdk-unknown-unknown\",\"clientId\":\"%s\"},\"request\":{\"providerName\":\"Corp\",\"providerType\":\"OIDC\","
                + "\"attributes\":{\"tokenResponse\":%s,\"idToken\":%s,\"userInfo\":%s}},\"response\":{\"userAttributesToMap\":{}}}")
                .formatted(poolId, clientId, calls.get(0).event().at("/request/attributes/tokenResponse"),
                        calls.get(0).event().at("/request/attributes/idToken"), calls.get(0).event().at("/request/attributes/userInfo")));
        assertThat(calls.get(0).event().at("/request/attributes/tokenResponse").get("token_type").asText()).isEqualTo("Bearer");
        assertThat(calls.get(0).event().at("/request/attributes/idToken").get("email").asText()).isEqualTo("sam@example.com");
        assertThat(calls.get(0).event().at("/request/attributes/userInfo").get("picture").asText()).isEqualTo("https://img.example.com/s1");
        assertThat(calls.get(0).event().at("/request/attributes").has("samlResponse")).as("absent for OIDC: left out").isFalse();

        JsonNode preSignUp = calls.get(1).event();
        assertThat(preSignUp.get("triggerSource").asText()).isEqualTo("PreSignUp_ExternalProvider");
        assertThat(preSignUp.get("userName").asText()).isEqualTo("Corp_s1");
        assertThat(preSignUp.at("/callerContext/clientId").asText()).isEqualTo(clientId);
        assertThat(preSignUp.at("/request/userAttributes").toString()).as("the mapped attributes")
                .isEqualTo("{\"custom:team\":\"core\",\"email\":\"sam@example.com\",\"name\":\"Sam\"}");
        assertThat(preSignUp.at("/request/validationData").isNull()).isTrue();

        List<JsonNode> post = postTriggerRequests();
        assertThat(post).hasSize(1);
        assertThat(post.get(0).get("trigger").asText()).isEqualTo("PostConfirmation");
        assertThat(post.get(0).get("target").asText()).isEqualTo(POST_CONFIRMATION);
        JsonNode event = post.get(0).get("event");
        assertThat(event.get("triggerSource").asText()).isEqualTo("PostConfirmation_ConfirmSignUp");
        assertThat(event.get("userName").asText()).isEqualTo("Corp_s1");
        assertThat(event.at("/callerContext/clientId").asText()).isEqualTo(clientId);
        assertThat(event.at("/request/userAttributes/sub").asText()).isEqualTo(signedIn.sub());
        assertThat(event.at("/request/userAttributes/cognito:user_status").asText()).isEqualTo("EXTERNAL_PROVIDER");
        assertThat(event.at("/request/userAttributes/identities").asText()).contains("\"providerName\":\"Corp\"");
    }

    @Test
    void laterSignInsRunOnlyInboundFederationAndNeverTheAuthenticationTriggers() {
        TriggerRunnerStandIn.answerWith(functions(Map.of()));
        signInSam(CLAIMS);

        TriggerRunnerStandIn.answerWith(functions(Map.of()));
        signInSam(CLAIMS);

        assertThat(TriggerRunnerStandIn.calls()).extracting(TriggerInvocation.Request::trigger).containsExactly("InboundFederation");
        assertThat(postTriggerRequests()).extracting(request -> request.get("trigger").asText())
                .as("one PostConfirmation, for the first sign-in; no PostAuthentication").containsExactly("PostConfirmation");
    }

    @Test
    void theInboundFederationAnswerIsWhatTheMappingReads() {
        TriggerRunnerStandIn.answerWith(functions(Map.of("InboundFederation",
                answering("{\"userAttributesToMap\": {\"email\": \"sam@corp.example.com\", \"name\": \"Samuel\"}}"))));

        signInSam(CLAIMS);

        AdminGetUserResponse user = user("Corp_s1");
        assertThat(attribute(user, "email")).isEqualTo("sam@corp.example.com");
        assertThat(attribute(user, "name")).isEqualTo("Samuel");
        assertThat(attribute(user, "custom:team")).as("left out of the answer: not mapped").isNull();
        assertThat(TriggerRunnerStandIn.calls().get(1).event().at("/request/userAttributes").toString())
                .isEqualTo("{\"email\":\"sam@corp.example.com\",\"name\":\"Samuel\"}");

        TriggerRunnerStandIn.answerWith(functions(Map.of("InboundFederation", answering("{\"userAttributesToMap\": {}}"))));
        signInSam(CLAIMS);
        assertThat(attribute(user("Corp_s1"), "custom:team")).as("{} keeps the provider's attributes").isEqualTo("core");
        assertThat(attribute(user("Corp_s1"), "name")).isEqualTo("Sam");
    }

    @Test
    void aFailingInboundFederationRefusesTheSignInAndCreatesNothing() {
        TriggerRunnerStandIn.answerWith(functions(Map.of("InboundFederation",
                event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "Contractors sign in elsewhere"))));
        assertCognitoException(() -> signInSam(CLAIMS), "UserLambdaValidationException",
                "InboundFederation failed with error Contractors sign in elsewhere.");

        TriggerRunnerStandIn.answerWith(functions(Map.of("InboundFederation", answering("{\"userAttributesToMap\": \"email\"}"))));
        assertCognitoException(() -> signInSam(CLAIMS), "InvalidLambdaResponseException", "Unrecognizable lambda output");

        TriggerRunnerStandIn.answerWith(functions(Map.of("InboundFederation", answering("{\"userAttributesToMap\": {\"email\": 7}}"))));
        assertCognitoException(() -> signInSam(CLAIMS), "InvalidLambdaResponseException", "Unrecognizable lambda output");

        TriggerRunnerStandIn.answerWith(functions(Map.of("InboundFederation",
                event -> Result.failed(Outcome.NO_ANSWER, "Timeout", "no answer"))));
        assertCognitoException(() -> signInSam(CLAIMS), "UnexpectedLambdaException", "InboundFederation invocation failed due to error Timeout.");

        assertNothingCreated();
    }

    @Test
    void aPreSignUpVetoRefusesTheFirstSignInAndCreatesNothing() {
        TriggerRunnerStandIn.answerWith(functions(Map.of("PreSignUp",
                event -> Result.failed(Outcome.FUNCTION_ERROR, "Error", "Not invited"))));

        assertCognitoException(() -> signInSam(CLAIMS), "UserLambdaValidationException", "PreSignUp failed with error Not invited.");

        assertNothingCreated();
    }

    @Test
    void preSignUpMayVerifyTheEmailOfTheNewFederatedUser() {
        TriggerRunnerStandIn.answerWith(functions(Map.of("PreSignUp",
                answering("{\"autoConfirmUser\": true, \"autoVerifyEmail\": true, \"autoVerifyPhone\": false}"))));

        signInSam(CLAIMS);

        AdminGetUserResponse user = user("Corp_s1");
        assertThat(attribute(user, "email_verified")).isEqualTo("true");
        assertThat(user.userStatus()).as("autoConfirmUser changes nothing for a federated user").isEqualTo(UserStatusType.EXTERNAL_PROVIDER);

        TriggerRunnerStandIn.answerWith(functions(Map.of("PreSignUp",
                answering("{\"autoConfirmUser\": false, \"autoVerifyEmail\": false, \"autoVerifyPhone\": true}"))));
        assertCognitoException(() -> signIn("Corp", "s2", Map.of("email", "s2@example.com"), INBOUND_ATTRIBUTES),
                "InvalidLambdaResponseException", "PreSignUp asked to verify phone_number but the user has no phone_number.");
        assertCognitoError(() -> user("Corp_s2"), "UserNotFoundException", "User does not exist.");
    }

    @Test
    void aPreSignUpFunctionThatLinksTheIdentityMakesTheFirstSignInTheLinkedUsers() {
        TriggerRunnerStandIn.answerWith(functions(Map.of()));
        String aliceSub = attribute(cognito.adminCreateUser(r -> r.userPoolId(poolId).username("alice").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("email").value("sam@example.com").build())).user().attributes()
                .stream().map(a -> AttributeType.builder().name(a.name()).value(a.value()).build()).toList(), "sub");
        TriggerRunnerStandIn.answerWith(functions(Map.of("PreSignUp", event -> {
            // what such functions do: find the native user with the email and link the identity to it
            cognito.adminLinkProviderForUser(r -> r.userPoolId(poolId)
                    .destinationUser(d -> d.providerName("Cognito").providerAttributeValue("alice"))
                    .sourceUser(s -> s.providerName("Corp").providerAttributeName("Cognito_Subject").providerAttributeValue("s1")));
            return Result.answered(event);
        })));

        SignedInUser signedIn = signInSam(CLAIMS);

        assertThat(signedIn.username()).isEqualTo("alice");
        assertThat(signedIn.sub()).isEqualTo(aliceSub);
        assertCognitoError(() -> user("Corp_s1"), "UserNotFoundException", "User does not exist.");
        assertThat(postTriggerRequests()).as("no federated user was created, nothing confirmed").isEmpty();
    }

    private static String attribute(List<AttributeType> attributes, String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(AttributeType::value).findFirst().orElse(null);
    }

    private static void assertCognitoException(Runnable call, String type, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CognitoException.class, e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
