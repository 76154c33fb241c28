package dev.cognate.userpool.compat;

import dev.cognate.internalapi.EventDeliveries;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.SignedJson;
import dev.cognate.userpool.trigger.EventDeliveriesStandIn;
import dev.cognate.userpool.trigger.TriggerRunnerStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's CognateAdmin actions for trigger-runner's durable deliveries, through user-pool-service's SigV4-signed
 * API: ListTriggerDeadLetters and ReplayTriggerDeadLetter, Create/List/DeleteEventSubscription. user-pool-service checks
 * the request and the pool and passes it to trigger-runner's internal API (a stand-in here, on the same contract;
 * trigger-runner's own behaviour on those routes is its {@code EventDeliveriesTest}), whose refusals become Cognito's
 * error types with its message.
 */
@QuarkusTest
@ExtendWith(TriggerRunnerStandIn.Running.class)
class TriggerDeliveriesAdminTest extends CognitoIdpTest {

    private Response admin(String action, String body) {
        return SignedJson.callTarget(endpoint, "CognateAdmin." + action, body);
    }

    private static void assertError(Response response, String type, String message) {
        assertThat(response.header("x-amzn-ErrorType")).as(response.asString()).isEqualTo(type);
        assertThat(JsonPath.from(response.asString()).getString("message")).isEqualTo(message);
    }

    @Test
    void listsThePoolsDeadLettersAndReplaysOne() {
        String poolId = newPool("dead letters");
        EventDeliveriesStandIn.deadLetters(poolId, List.of(new EventDeliveries.DeadLetter("d-1", poolId, EventDeliveries.Kind.TRIGGER,
                "PostConfirmation", "https://functions.example.com/post-confirmation", "e-1", null, 10,
                "Unavailable: down for maintenance", 1_700_000_000L, 1_700_086_400L)));

        JsonPath listed = JsonPath.from(admin("ListTriggerDeadLetters", "{\"UserPoolId\": \"" + poolId + "\", \"MaxResults\": 10}").asString());

        assertThat(listed.getList("DeadLetters")).hasSize(1);
        assertThat(listed.getString("DeadLetters[0].Id")).isEqualTo("d-1");
        assertThat(listed.getString("DeadLetters[0].Kind")).isEqualTo("TRIGGER");
        assertThat(listed.getString("DeadLetters[0].Name")).isEqualTo("PostConfirmation");
        assertThat(listed.getString("DeadLetters[0].Target")).isEqualTo("https://functions.example.com/post-confirmation");
        assertThat(listed.getString("DeadLetters[0].EventId")).isEqualTo("e-1");
        assertThat(listed.getInt("DeadLetters[0].Attempts")).isEqualTo(10);
        assertThat(listed.getString("DeadLetters[0].LastError")).isEqualTo("Unavailable: down for maintenance");
        assertThat(listed.getLong("DeadLetters[0].CreationDate")).isEqualTo(1_700_000_000L);
        assertThat(listed.getLong("DeadLetters[0].DeadLetterDate")).isEqualTo(1_700_086_400L);
        assertThat(EventDeliveriesStandIn.queries()).contains("maxResults=10");

        Response replayed = admin("ReplayTriggerDeadLetter", "{\"UserPoolId\": \"" + poolId + "\", \"Id\": \"d-1\"}");
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.asString()).isEqualTo("{}");
        assertThat(EventDeliveriesStandIn.replayed()).contains(poolId + "/d-1");
        assertThat(JsonPath.from(admin("ListTriggerDeadLetters", "{\"UserPoolId\": \"" + poolId + "\"}").asString()).getList("DeadLetters")).isEmpty();

        assertError(admin("ReplayTriggerDeadLetter", "{\"UserPoolId\": \"" + poolId + "\", \"Id\": \"d-1\"}"),
                "ResourceNotFoundException", "No dead letter d-1 in pool " + poolId + ".");
    }

    @Test
    void badRequestsAreRefusedBeforeTriggerRunnerIsAsked() {
        String poolId = newPool("dead letters bad");
        assertError(admin("ListTriggerDeadLetters", "{\"UserPoolId\": \"" + poolId + "\", \"MaxResults\": 61}"), "InvalidParameterException",
                "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60");
        assertError(admin("ReplayTriggerDeadLetter", "{\"UserPoolId\": \"" + poolId + "\"}"), "InvalidParameterException",
                "1 validation error detected: Value null at 'id' failed to satisfy constraint: Member must not be null");
        assertThat(admin("ListTriggerDeadLetters", "{\"UserPoolId\": \"us-east-1_Nope00000\"}").header("x-amzn-ErrorType"))
                .isEqualTo("ResourceNotFoundException");
        assertThat(admin("CreateEventSubscription", "{\"UserPoolId\": \"" + poolId + "\", \"Endpoint\": \"https://hooks.example.com/x\"}")
                .header("x-amzn-ErrorType")).isEqualTo("InvalidParameterException");
    }

    @Test
    void createsListsAndDeletesEventSubscriptionsAndPassesOnTriggerRunnersRefusal() {
        String poolId = newPool("subscriptions");

        JsonPath created = JsonPath.from(admin("CreateEventSubscription", "{\"UserPoolId\": \"" + poolId + "\", \"Endpoint\":"
                + " \"https://hooks.example.com/cognate\", \"EventTypes\": [\"cognate.userpool.user.signed_in.v1\"]}").asString());
        String id = created.getString("EventSubscription.Id");
        assertThat(id).isNotBlank();
        assertThat(created.getString("EventSubscription.Endpoint")).isEqualTo("https://hooks.example.com/cognate");
        assertThat(created.getList("EventSubscription.EventTypes")).containsExactly("cognate.userpool.user.signed_in.v1");

        assertThat(JsonPath.from(admin("ListEventSubscriptions", "{\"UserPoolId\": \"" + poolId + "\"}").asString())
                .getList("EventSubscriptions.Id")).containsExactly(id);

        assertError(admin("CreateEventSubscription", "{\"UserPoolId\": \"" + poolId + "\", \"Endpoint\": \"http://10.0.0.7/hook\","
                        + " \"EventTypes\": [\"*\"]}"),
                "InvalidParameterException", "Endpoint must be an https URL (http only for the allowed egress hosts).");

        assertThat(admin("DeleteEventSubscription", "{\"UserPoolId\": \"" + poolId + "\", \"Id\": \"" + id + "\"}").statusCode()).isEqualTo(200);
        assertThat(JsonPath.from(admin("ListEventSubscriptions", "{\"UserPoolId\": \"" + poolId + "\"}").asString())
                .getList("EventSubscriptions")).isEmpty();
        assertError(admin("DeleteEventSubscription", "{\"UserPoolId\": \"" + poolId + "\", \"Id\": \"" + id + "\"}"),
                "ResourceNotFoundException", "No event subscription " + id + " in pool " + poolId + ".");
    }

    @Test
    void triggerRunnerDownIsAnInternalError() {
        String poolId = newPool("subscriptions down");
        TriggerRunnerStandIn.stop();
        try {
            Response down = admin("ListEventSubscriptions", "{\"UserPoolId\": \"" + poolId + "\"}");
            assertThat(down.statusCode()).isEqualTo(500);
            assertThat(down.header("x-amzn-ErrorType")).isEqualTo("InternalErrorException");
        } finally {
            TriggerRunnerStandIn.start();
        }
    }
}
