package dev.cognate.triggers.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.triggers.invoke.WebhookSecrets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * trigger-runner's internal invoke API against a real HTTP function server (the JDK's): the event arrives as the
 * POST body, signed per Standard Webhooks with the pool's secret (checked here as any receiver would), and each way a
 * call can end comes back as its outcome.
 */
@QuarkusTest
class TriggerInvokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POOL = "us-east-1_Trig9test";
    private static HttpServer functions;
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

    record Received(String path, Map<String, String> headers, String body) {
    }

    @Inject
    InternalPort internalPort;

    @Inject
    WebhookSecrets secrets;

    @Inject
    io.vertx.mutiny.sqlclient.Pool db;

    @BeforeAll
    static void startFunctions() throws IOException {
        int port = ConfigProvider.getConfig().getValue("test.triggers.function-port", Integer.class);
        functions = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        functions.createContext("/", TriggerInvokeTest::handle);
        functions.start();
    }

    @AfterAll
    static void stopFunctions() {
        functions.stop(0);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        RECEIVED.add(new Received(path, Map.of(
                "webhook-id", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                "webhook-timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                "webhook-signature", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature"))), body));
        switch (path) {
            case "/answer", "/mapped" -> {
                ObjectNode event = (ObjectNode) JSON.readTree(body);
                event.putObject("response").put("autoConfirmUser", true);
                reply(exchange, 200, JSON.writeValueAsString(event));
            }
            case "/error" -> reply(exchange, 400, "{\"errorType\":\"Error\",\"errorMessage\":\"example.org sign-ups are closed\"}");
            case "/malformed" -> reply(exchange, 200, "<html>not json</html>");
            case "/slow" -> {
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(exchange, 200, body);
            }
            default -> reply(exchange, 404, "");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String functionUrl(String path) {
        return "http://127.0.0.1:" + functions.getAddress().getPort() + path;
    }

    private JsonPath invoke(String target, long timeoutMillis) {
        String request = """
                {"userPoolId": "%s", "trigger": "PreSignUp", "target": "%s", "timeoutMillis": %d,
                 "event": {"version": "1", "triggerSource": "PreSignUp_SignUp", "userPoolId": "%s", "userName": "ana",
                           "request": {"userAttributes": {"email": "ana@example.com"}},
                           "response": {"autoConfirmUser": false, "autoVerifyEmail": false, "autoVerifyPhone": false}}}
                """.formatted(POOL, target, timeoutMillis, POOL);
        return given().port(internalPort.port()).contentType(ContentType.JSON).body(request)
                .when().post(InternalRoutes.TRIGGERS + InternalRoutes.TRIGGER_INVOKE)
                .then().statusCode(200).extract().jsonPath();
    }

    private String secret() {
        return given().port(internalPort.port()).when().get(InternalRoutes.TRIGGERS + "/user-pools/" + POOL + "/webhook-secret")
                .then().statusCode(200).body("userPoolId", equalTo(POOL)).extract().path("secret");
    }

    private static void assertSignedWith(String secret, Received received) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal((received.headers().get("webhook-id") + "."
                + received.headers().get("webhook-timestamp") + "." + received.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(received.headers().get("webhook-signature")).isEqualTo(expected);
        assertThat(received.headers().get("webhook-id")).startsWith("msg_");
        assertThat(Long.parseLong(received.headers().get("webhook-timestamp"))).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(30L));
    }

    private Received last() {
        return RECEIVED.get(RECEIVED.size() - 1);
    }

    @Test
    void postsTheEventSignedAndReturnsTheFunctionsAnswer() throws Exception {
        JsonPath result = invoke(functionUrl("/answer"), 5000);

        assertThat(result.getString("outcome")).isEqualTo("ANSWERED");
        assertThat(result.getBoolean("event.response.autoConfirmUser")).isTrue();
        assertThat(result.getString("event.userName")).isEqualTo("ana");
        Received received = last();
        JsonNode sent = JSON.readTree(received.body());
        assertThat(sent.path("triggerSource").asText()).isEqualTo("PreSignUp_SignUp");
        assertThat(sent.path("request").path("userAttributes").path("email").asText()).isEqualTo("ana@example.com");
        assertSignedWith(secret(), received);
    }

    @Test
    void aRotatedSecretSignsTheNextCallAndTheOldOneNoLonger() throws Exception {
        String before = secret();
        String rotated = given().port(internalPort.port()).when().post(InternalRoutes.TRIGGERS + "/user-pools/" + POOL + "/webhook-secret")
                .then().statusCode(200).extract().path("secret");

        assertThat(rotated).startsWith("whsec_").isNotEqualTo(before);
        assertThat(secret()).isEqualTo(rotated);
        invoke(functionUrl("/answer"), 5000);
        assertSignedWith(rotated, last());
        assertThatSignatureFails(before, last());
    }

    @Test
    void concurrentFirstCallsOfAPoolAgreeOnOneStoredSecretThatLaterCallsRead() {
        String pool = "us-east-1_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 9);
        List<Uni<String>> firstCalls = java.util.stream.IntStream.range(0, 8).mapToObj(i -> secrets.of(pool)).toList();

        List<String> agreed = Uni.join().all(firstCalls).andFailFast().await().atMost(Duration.ofSeconds(30));

        assertThat(agreed).hasSize(8).allMatch(secret -> secret.startsWith("whsec_")).containsOnly(agreed.get(0));
        assertThat(db.preparedQuery("SELECT count(*) FROM webhook_secrets WHERE user_pool_id = $1").execute(Tuple.of(pool))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0)).isEqualTo(1);
        assertThat(secrets.of(pool).await().atMost(Duration.ofSeconds(10))).isEqualTo(agreed.get(0));
        String rotated = secrets.rotate(pool).await().atMost(Duration.ofSeconds(10));
        assertThat(secrets.of(pool).await().atMost(Duration.ofSeconds(10))).as("read each time: a rotation counts at once").isEqualTo(rotated);
    }

    private static void assertThatSignatureFails(String secret, Received received) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertSignedWith(secret, received)).isInstanceOf(AssertionError.class);
    }

    @Test
    void theFunctionsLambdaStyleErrorComesBackAsItsError() {
        JsonPath result = invoke(functionUrl("/error"), 5000);

        assertThat(result.getString("outcome")).isEqualTo("FUNCTION_ERROR");
        assertThat(result.getString("errorType")).isEqualTo("Error");
        assertThat(result.getString("errorMessage")).isEqualTo("example.org sign-ups are closed");
    }

    @Test
    void anAnswerThatIsNotAJsonObjectIsAnInvalidResponse() {
        assertThat(invoke(functionUrl("/malformed"), 5000).getString("outcome")).isEqualTo("INVALID_RESPONSE");
    }

    @Test
    void noAnswerWithinTheTimeoutIsNoAnswer() {
        long started = System.nanoTime();
        JsonPath result = invoke(functionUrl("/slow"), 500);

        assertThat(result.getString("outcome")).isEqualTo("NO_ANSWER");
        assertThat(result.getString("errorType")).isEqualTo("TimeoutError");
        assertThat((System.nanoTime() - started) / 1_000_000).as("bounded by the timeout asked for").isLessThan(1900);
    }

    @Test
    void theEgressGuardRefusesPrivateLinkLocalAndUnlistedLoopbackAddressesWithoutCallingThem() {
        int before = RECEIVED.size();
        for (String target : List.of("http://10.1.2.3:9/x", "https://169.254.169.254/latest/meta-data/",
                "http://192.168.0.10/x", "http://[::1]:" + functions.getAddress().getPort() + "/answer")) {
            JsonPath result = invoke(target, 1000);
            assertThat(result.getString("outcome")).as(target).isEqualTo("NO_ANSWER");
            assertThat(result.getString("errorType")).as(target).isEqualTo("EgressRefused");
        }
        assertThat(RECEIVED).hasSize(before);
    }

    @Test
    void aLambdaArnRunsOnlyWhenMappedToAUrl() {
        JsonPath unmapped = invoke("arn:aws:lambda:us-east-1:123456789012:function:elsewhere", 5000);
        assertThat(unmapped.getString("outcome")).isEqualTo("NO_ANSWER");
        assertThat(unmapped.getString("errorType")).isEqualTo("LambdaNotSupported");

        JsonPath mapped = invoke("arn:aws:lambda:us-east-1:123456789012:function:mapped", 5000);
        assertThat(mapped.getString("outcome")).isEqualTo("ANSWERED");
        assertThat(last().path()).isEqualTo("/mapped");
    }

    @Test
    void thePublicPortDoesNotServeTheInternalApi() {
        given().contentType(ContentType.JSON).body("{}").when().post(InternalRoutes.TRIGGERS + InternalRoutes.TRIGGER_INVOKE)
                .then().statusCode(404);
        given().port(internalPort.port()).when().get("/q/health/live").then().statusCode(404);
    }
}
