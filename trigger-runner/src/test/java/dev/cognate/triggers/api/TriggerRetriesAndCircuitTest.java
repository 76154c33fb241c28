package dev.cognate.triggers.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.testkit.Ports;
import dev.cognate.triggers.support.FunctionServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries as Cognito and the circuit breaker, through the internal invoke API against real HTTP function servers (the
 * JDK's): a function that fails twice then answers, one that is throttled every time, one whose own error is final,
 * one that is down until it comes back; and how each shows on {@code /q/metrics}. %test: 3 attempts, 50 ms back-off,
 * the circuit opens after 3 calls without an answer and lets a trial through after 2 s.
 */
@QuarkusTest
class TriggerRetriesAndCircuitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POOL = "us-east-1_Retry0test";
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static FunctionServer functions;

    @Inject
    InternalPort internalPort;

    @BeforeAll
    static void startFunctions() {
        functions = new FunctionServer(0, (exchange, received) -> {
            int call = CALLS.computeIfAbsent(received.path(), p -> new AtomicInteger()).incrementAndGet();
            switch (received.path()) {
                case "/fails-twice" -> {
                    if (call <= 2) {
                        FunctionServer.reply(exchange, 503, "", Map.of());
                    } else {
                        answer(exchange, received);
                    }
                }
                case "/throttled" -> FunctionServer.reply(exchange, 429, "", Map.of());
                case "/hangs-once" -> {
                    if (call == 1) {
                        try {
                            Thread.sleep(6_000); // longer than the whole call may take: only a second attempt can answer
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    answer(exchange, received);
                }
                case "/crashes" -> FunctionServer.reply(exchange, 500,
                        "{\"errorType\":\"TypeError\",\"errorMessage\":\"Cannot read properties of undefined\"}", Map.of());
                default -> answer(exchange, received);
            }
        });
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, FunctionServer.Received received) throws java.io.IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(received.body());
        event.putObject("response").put("autoConfirmUser", true);
        FunctionServer.reply(exchange, 200, JSON.writeValueAsString(event), Map.of());
    }

    @AfterAll
    static void stopFunctions() {
        functions.close();
    }

    private JsonPath invoke(String trigger, String target, long timeoutMillis) {
        String request = """
                {"userPoolId": "%s", "trigger": "%s", "target": "%s", "timeoutMillis": %d,
                 "event": {"version": "1", "triggerSource": "PreSignUp_SignUp", "userPoolId": "%s", "userName": "ana",
                           "request": {"userAttributes": {"email": "ana@example.com"}}, "response": {}}}
                """.formatted(POOL, trigger, target, timeoutMillis, POOL);
        return given().port(internalPort.port()).contentType(ContentType.JSON).body(request)
                .when().post(InternalRoutes.TRIGGERS + InternalRoutes.TRIGGER_INVOKE)
                .then().statusCode(200).extract().jsonPath();
    }

    private static String metrics() {
        return given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double metric(String text, String name, String... labels) {
        return text.lines().filter(line -> line.startsWith(name + "{"))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void aFunctionThatFailsTwiceIsTriedAThirdTimeWithTheSameWebhookIdAndItsAnswerCounts() {
        double answeredBefore = metric(metrics(), "cognate_trigger_invocations_total", "trigger=\"PreSignUp\"", "outcome=\"answered\"");

        JsonPath result = invoke("PreSignUp", functions.url("/fails-twice"), 5000);

        assertThat(result.getString("outcome")).isEqualTo("ANSWERED");
        assertThat(result.getBoolean("event.response.autoConfirmUser")).isTrue();
        var received = functions.received("/fails-twice");
        assertThat(received).hasSize(3);
        assertThat(received).extracting(r -> r.header("webhook-id")).containsOnly(received.get(0).header("webhook-id"));
        String text = metrics();
        assertThat(metric(text, "cognate_trigger_invocations_total", "trigger=\"PreSignUp\"", "outcome=\"answered\""))
                .isEqualTo(answeredBefore + 1);
        assertThat(metric(text, "cognate_trigger_invocations_seconds_count", "trigger=\"PreSignUp\"", "outcome=\"answered\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(text).contains("# TYPE cognate_trigger_invocations_seconds summary");
    }

    @Test
    void anAttemptThatHangsIsCutAtItsShareOfTheTimeoutAndTheNextAttemptAnswers() {
        long started = System.nanoTime();
        JsonPath result = invoke("PreSignUp", functions.url("/hangs-once"), 5000);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(result.getString("outcome")).isEqualTo("ANSWERED");
        assertThat(result.getBoolean("event.response.autoConfirmUser")).isTrue();
        var received = functions.received("/hangs-once");
        assertThat(received).hasSize(2);
        assertThat(received.get(1).header("webhook-id")).isEqualTo(received.get(0).header("webhook-id"));
        // 5 s for 3 attempts: the first is cut after 5000 / 3 ms (not 5 s), then 50 ms back-off, then the answer.
        assertThat(tookMillis).isBetween(1_600L, 3_000L);
    }

    @Test
    void aThrottledFunctionIsTriedThreeTimesThenEndsWithoutAnswer() {
        JsonPath result = invoke("PreTokenGeneration", functions.url("/throttled"), 5000);

        assertThat(result.getString("outcome")).isEqualTo("NO_ANSWER");
        assertThat(result.getString("errorType")).isEqualTo("TooManyRequestsException");
        assertThat(functions.received("/throttled")).hasSize(3);
        assertThat(metric(metrics(), "cognate_trigger_invocations_total", "trigger=\"PreTokenGeneration\"", "outcome=\"no_answer\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void theFunctionsOwnErrorIsFinalEvenOnA500() {
        JsonPath result = invoke("PreSignUp", functions.url("/crashes"), 5000);

        assertThat(result.getString("outcome")).isEqualTo("FUNCTION_ERROR");
        assertThat(result.getString("errorType")).isEqualTo("TypeError");
        assertThat(result.getString("errorMessage")).isEqualTo("Cannot read properties of undefined");
        assertThat(functions.received("/crashes")).hasSize(1);
    }

    @Test
    void aFunctionThatIsDownOpensItsCircuitWhichRefusesWithoutCallingThenRecoversAfterTheCoolDown() {
        int port = Ports.pickFree(1)[0];
        String target = "http://127.0.0.1:" + port + "/down";
        String gauge = "target=\"" + target + "\"";

        for (int call = 1; call <= 3; call++) {
            JsonPath result = invoke("PreSignUp", target, 3000);
            assertThat(result.getString("outcome")).as("call %d", call).isEqualTo("NO_ANSWER");
            assertThat(result.getString("errorType")).as("call %d", call).isEqualTo("Unreachable");
        }
        assertThat(metric(metrics(), "cognate_trigger_circuit_state", gauge)).as("open").isEqualTo(1);

        try (FunctionServer revived = new FunctionServer(port, (exchange, received) -> answer(exchange, received))) {
            JsonPath refused = invoke("PreSignUp", target, 3000);
            assertThat(refused.getString("outcome")).isEqualTo("NO_ANSWER");
            assertThat(refused.getString("errorType")).isEqualTo("CircuitOpen");
            assertThat(revived.received("/down")).as("not called while open").isEmpty();

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(invoke("PreSignUp", target, 3000).getString("outcome")).isEqualTo("ANSWERED"));
            assertThat(revived.received("/down")).hasSize(1);
            assertThat(metric(metrics(), "cognate_trigger_circuit_state", gauge)).as("closed").isEqualTo(0);
            assertThat(invoke("PreSignUp", target, 3000).getString("outcome")).isEqualTo("ANSWERED");
        }
    }

    @Test
    void aTrialCallWithoutAnswerOpensTheCircuitAgain() {
        int port = Ports.pickFree(1)[0];
        String target = "http://127.0.0.1:" + port + "/still-down";
        for (int call = 1; call <= 3; call++) {
            invoke("PreSignUp", target, 3000);
        }
        assertThat(invoke("PreSignUp", target, 3000).getString("errorType")).isEqualTo("CircuitOpen");
        // half-open once the test profile's open-duration (2 s) has passed; the gauge reads the clock
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(metric(metrics(), "cognate_trigger_circuit_state", "target=\"" + target + "\"")).as("half-open").isEqualTo(2));

        assertThat(invoke("PreSignUp", target, 3000).getString("errorType")).as("the trial").isEqualTo("Unreachable");
        assertThat(invoke("PreSignUp", target, 3000).getString("errorType")).as("open again").isEqualTo("CircuitOpen");
    }
}
