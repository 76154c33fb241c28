package dev.cognate.userpool.compat;

import dev.cognate.internalapi.TriggerInvocationLog;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.SignedJson;
import dev.cognate.userpool.trigger.InvocationLogs;
import dev.cognate.userpool.trigger.TriggerRunnerStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CognateAdmin.ListTriggerInvocations: the operator reads a pool's trigger calls, as trigger-runner logged them, through
 * user-pool-service's signed API (SigV4 with the AWS SDK's signer), page by page; bad input is refused before
 * trigger-runner is asked.
 */
@QuarkusTest
@ExtendWith(TriggerRunnerStandIn.Running.class)
class TriggerInvocationsTest extends CognitoIdpTest {

    private static final long T0 = 1_796_000_000_000L;

    private Response call(String body) {
        return SignedJson.callTarget(endpoint, "CognateAdmin.ListTriggerInvocations", body);
    }

    private static TriggerInvocationLog.Entry entry(String pool, String trigger, long startedAt, String outcome, String errorType, int attempts) {
        return new TriggerInvocationLog.Entry(pool, trigger, "https://functions.example.com/" + trigger, startedAt, 42,
                outcome, errorType, attempts);
    }

    @Test
    void listsThePoolsCallsNewestFirstPageByPageAndByTrigger() throws Exception {
        String poolId = newPool("trigger invocations");
        InvocationLogs.set(poolId, List.of(
                entry(poolId, "PreTokenGeneration", T0 + 3000, "ANSWERED", null, 1),
                entry(poolId, "PreSignUp", T0 + 2000, "NO_ANSWER", "TimeoutError", 3),
                entry(poolId, "PreSignUp", T0 + 1000, "FUNCTION_ERROR", "Error", 1)));

        Response first = call("{\"UserPoolId\": \"" + poolId + "\", \"MaxResults\": 2}");
        assertThat(first.statusCode()).isEqualTo(200);
        JsonPath page = JsonPath.from(first.asString());
        assertThat(page.getList("Invocations.Trigger")).containsExactly("PreTokenGeneration", "PreSignUp");
        assertThat(page.getList("Invocations.Outcome")).containsExactly("ANSWERED", "NO_ANSWER");
        assertThat(page.getString("Invocations[1].ErrorType")).isEqualTo("TimeoutError");
        assertThat(page.getInt("Invocations[1].Attempts")).isEqualTo(3);
        assertThat(page.getLong("Invocations[1].DurationMillis")).isEqualTo(42);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(first.asString())
                .path("Invocations").path(0).path("StartedAt").decimalValue())
                .as("epoch seconds, as Cognito's dates").isEqualByComparingTo(java.math.BigDecimal.valueOf(T0 + 3000, 3));
        assertThat(page.getString("Invocations[0].Target")).isEqualTo("https://functions.example.com/PreTokenGeneration");
        assertThat(page.getMap("Invocations[0]")).doesNotContainKey("ErrorType");
        String nextToken = page.getString("NextToken");
        assertThat(nextToken).isNotBlank();

        JsonPath second = JsonPath.from(call("{\"UserPoolId\": \"" + poolId + "\", \"MaxResults\": 2, \"NextToken\": \"" + nextToken + "\"}").asString());
        assertThat(second.getList("Invocations.Outcome")).containsExactly("FUNCTION_ERROR");
        assertThat(second.getString("NextToken")).isNull();

        JsonPath signUps = JsonPath.from(call("{\"UserPoolId\": \"" + poolId + "\", \"Trigger\": \"PreSignUp\"}").asString());
        assertThat(signUps.getList("Invocations.Trigger")).containsExactly("PreSignUp", "PreSignUp");
        assertThat(InvocationLogs.queries().get(InvocationLogs.queries().size() - 1))
                .containsEntry("trigger", "PreSignUp").containsEntry("maxResults", "60");
    }

    @Test
    void aPoolWithoutCallsHasAnEmptyList() {
        String poolId = newPool("no trigger invocations");
        JsonPath empty = JsonPath.from(call("{\"UserPoolId\": \"" + poolId + "\"}").asString());
        assertThat(empty.getList("Invocations")).isEmpty();
        assertThat(empty.getString("NextToken")).isNull();
    }

    @Test
    void badInputIsRefusedAndAnUnknownPoolIsNotFound() {
        String poolId = newPool("trigger invocations bad input");
        int asked = InvocationLogs.queries().size();
        for (String body : List.of("{}", "{\"UserPoolId\": \"" + poolId + "\", \"MaxResults\": 0}",
                "{\"UserPoolId\": \"" + poolId + "\", \"MaxResults\": 61}",
                "{\"UserPoolId\": \"" + poolId + "\", \"Trigger\": \"PreSignup\"}",
                "{\"UserPoolId\": \"" + poolId + "\", \"NextToken\": \"\"}")) {
            Response refused = call(body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.header("x-amzn-ErrorType")).as(body).isEqualTo("InvalidParameterException");
        }
        assertThat(InvocationLogs.queries()).as("trigger-runner not asked").hasSize(asked);

        Response foreignToken = call("{\"UserPoolId\": \"" + poolId + "\", \"NextToken\": \"someone-elses\"}");
        assertThat(foreignToken.header("x-amzn-ErrorType")).isEqualTo("InvalidParameterException");
        assertThat(JsonPath.from(foreignToken.asString()).getString("message")).isEqualTo("NextToken is invalid.");

        Response unknown = call("{\"UserPoolId\": \"us-east-1_Nope00000\"}");
        assertThat(unknown.header("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void triggerRunnerDownIsAnInternalError() {
        String poolId = newPool("trigger invocations down");
        TriggerRunnerStandIn.stop();
        try {
            Response down = call("{\"UserPoolId\": \"" + poolId + "\"}");
            assertThat(down.statusCode()).isEqualTo(500);
            assertThat(down.header("x-amzn-ErrorType")).isEqualTo("InternalErrorException");
        } finally {
            TriggerRunnerStandIn.start();
        }
    }
}
