package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.SignedJson;
import dev.cognate.userpool.trigger.TriggerRunnerStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CognateAdmin.GetTriggerWebhookSecret and RotateTriggerWebhookSecret: the operator reads the secret trigger-runner
 * signs a pool's trigger calls with, and rotates it, through user-pool-service's signed API.
 */
@QuarkusTest
@ExtendWith(TriggerRunnerStandIn.Running.class)
class TriggerWebhookSecretTest extends CognitoIdpTest {

    private Response call(String action, String poolId) {
        return SignedJson.callTarget(endpoint, "CognateAdmin." + action, "{\"UserPoolId\": \"" + poolId + "\"}");
    }

    @Test
    void readsTheSameSecretUntilRotatedThenTheNewOne() {
        String poolId = newPool("webhook secret");

        String first = JsonPath.from(call("GetTriggerWebhookSecret", poolId).asString()).getString("Secret");
        assertThat(first).startsWith("whsec_");
        assertThat(JsonPath.from(call("GetTriggerWebhookSecret", poolId).asString()).getString("Secret")).isEqualTo(first);

        Response rotated = call("RotateTriggerWebhookSecret", poolId);
        assertThat(rotated.statusCode()).isEqualTo(200);
        String second = JsonPath.from(rotated.asString()).getString("Secret");
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
        assertThat(JsonPath.from(call("GetTriggerWebhookSecret", poolId).asString()).getString("Secret")).isEqualTo(second);
    }

    @Test
    void anUnknownPoolIsResourceNotFoundAndNothingIsAskedOfTriggerRunner() {
        Response unknown = call("GetTriggerWebhookSecret", "us-east-1_Nope00000");
        assertThat(unknown.header("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
        Response invalid = call("RotateTriggerWebhookSecret", "");
        assertThat(invalid.header("x-amzn-ErrorType")).isEqualTo("InvalidParameterException");
    }

    @Test
    void triggerRunnerDownIsAnInternalError() {
        String poolId = newPool("webhook secret down");
        TriggerRunnerStandIn.stop();
        try {
            Response down = call("GetTriggerWebhookSecret", poolId);
            assertThat(down.statusCode()).isEqualTo(500);
            assertThat(down.header("x-amzn-ErrorType")).isEqualTo("InternalErrorException");
        } finally {
            TriggerRunnerStandIn.start();
        }
    }
}
