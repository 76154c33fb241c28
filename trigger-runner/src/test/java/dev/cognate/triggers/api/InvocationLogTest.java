package dev.cognate.triggers.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.internalapi.TriggerInvocationLog;
import dev.cognate.triggers.repository.InvocationLogRepository;
import dev.cognate.triggers.service.InvocationLogPurgeJob;
import dev.cognate.triggers.support.FunctionServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The invocation log: each call through the internal invoke API becomes one row (pool, trigger, target without its
 * query string, start, duration, outcome, error type, attempts; never the event), read newest first and paged on the
 * internal API, and deleted by the purge once past the retention.
 */
@QuarkusTest
class InvocationLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FunctionServer functions;

    @Inject
    InternalPort internalPort;
    @Inject
    InvocationLogRepository repository;
    @Inject
    InvocationLogPurgeJob purgeJob;
    @Inject
    Pool db;

    @BeforeAll
    static void startFunctions() {
        functions = new FunctionServer(0, (exchange, received) -> {
            if (received.path().equals("/refuse")) {
                FunctionServer.reply(exchange, 400, "{\"errorType\":\"Error\",\"errorMessage\":\"no\"}", Map.of());
                return;
            }
            ObjectNode event = (ObjectNode) JSON.readTree(received.body());
            event.putObject("response");
            FunctionServer.reply(exchange, 200, JSON.writeValueAsString(event), Map.of());
        });
    }

    @AfterAll
    static void stopFunctions() {
        functions.close();
    }

    private static String newPool() {
        return "us-east-1_" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
    }

    private void invoke(String pool, String trigger, String target) {
        String request = """
                {"userPoolId": "%s", "trigger": "%s", "target": "%s", "timeoutMillis": 3000,
                 "event": {"version": "1", "userPoolId": "%s", "userName": "ana", "request": {"userAttributes": {"email": "ana@example.com"}}, "response": {}}}
                """.formatted(pool, trigger, target, pool);
        given().port(internalPort.port()).contentType(ContentType.JSON).body(request)
                .when().post(InternalRoutes.TRIGGERS + InternalRoutes.TRIGGER_INVOKE).then().statusCode(200);
    }

    private io.restassured.response.Response page(String pool, Map<String, ?> query) {
        return given().port(internalPort.port()).queryParams(query)
                .when().get(InternalRoutes.TRIGGERS + "/user-pools/" + pool + "/invocations");
    }

    @Test
    void everyCallIsLoggedNewestFirstWithoutItsPayloadAndPagesByToken() {
        String pool = newPool();
        Instant before = Instant.now();
        invoke(pool, "PreSignUp", functions.url("/ok?token=s3cret"));
        invoke(pool, "PreTokenGeneration", functions.url("/refuse"));
        invoke(pool, "PreSignUp", "http://10.9.9.9/private");
        await().atMost(Duration.ofSeconds(5)).until(() -> page(pool, Map.of()).jsonPath().getList("invocations").size() == 3);

        JsonPath all = page(pool, Map.of()).then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("invocations.trigger")).containsExactly("PreSignUp", "PreTokenGeneration", "PreSignUp");
        assertThat(all.getList("invocations.outcome")).containsExactly("NO_ANSWER", "FUNCTION_ERROR", "ANSWERED");
        assertThat(all.getList("invocations.errorType")).containsExactly("EgressRefused", "Error", null);
        assertThat(all.getList("invocations.attempts", Integer.class)).containsExactly(0, 1, 1);
        assertThat(all.getString("invocations[2].target")).isEqualTo(functions.url("/ok")).doesNotContain("s3cret");
        assertThat(all.getLong("invocations[2].startedAt")).isBetween(before.toEpochMilli() - 1000, Instant.now().toEpochMilli());
        assertThat(all.getLong("invocations[2].durationMillis")).isBetween(0L, 3000L);
        assertThat(all.getString("nextToken")).isNull();
        assertThat(page(pool, Map.of()).asString()).doesNotContain("ana@example.com");

        JsonPath first = page(pool, Map.of("maxResults", 2)).then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("invocations.outcome")).containsExactly("NO_ANSWER", "FUNCTION_ERROR");
        JsonPath second = page(pool, Map.of("maxResults", 2, "nextToken", first.getString("nextToken"))).then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("invocations.outcome")).containsExactly("ANSWERED");
        assertThat(second.getString("nextToken")).isNull();

        JsonPath signUps = page(pool, Map.of("trigger", "PreSignUp")).then().statusCode(200).extract().jsonPath();
        assertThat(signUps.getList("invocations.trigger")).containsExactly("PreSignUp", "PreSignUp");
        assertThat(page(newPool(), Map.of()).jsonPath().getList("invocations")).isEmpty();
    }

    @Test
    void aForeignTokenOrAPageSizeOutOfRangeIsRefused() {
        String pool = newPool();
        page(pool, Map.of("nextToken", "not-a-token")).then().statusCode(400).body("message", containsString("nextToken"));
        page(pool, Map.of("nextToken", "djE6YWJj")).then().statusCode(400); // "v1:abc"
        page(pool, Map.of("maxResults", 0)).then().statusCode(400).body("message", containsString("maxResults"));
        page(pool, Map.of("maxResults", 61)).then().statusCode(400);
        page(pool, Map.of("trigger", "Pre Sign'Up")).then().statusCode(400);
    }

    @Test
    void thePurgeDeletesCallsPastTheRetentionAndKeepsTheRest() {
        String pool = newPool();
        Instant now = Instant.now();
        repository.insert(new TriggerInvocationLog.Entry(pool, "PreSignUp", "https://old.example/f",
                now.minus(Duration.ofDays(31)).toEpochMilli(), 12, "ANSWERED", null, 1)).await().atMost(Duration.ofSeconds(5));
        repository.insert(new TriggerInvocationLog.Entry(pool, "PreSignUp", "https://recent.example/f",
                now.minus(Duration.ofDays(29)).toEpochMilli(), 12, "ANSWERED", null, 1)).await().atMost(Duration.ofSeconds(5));

        assertThat(purgeJob.purge()).isGreaterThanOrEqualTo(1);

        List<String> left = page(pool, Map.of()).jsonPath().getList("invocations.target");
        assertThat(left).containsExactly("https://recent.example/f");
    }
}
