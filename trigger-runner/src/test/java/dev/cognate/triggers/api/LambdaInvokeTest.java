package dev.cognate.triggers.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.testkit.Ports;
import dev.cognate.triggers.support.FunctionServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda ARNs through the AWS Lambda {@code Invoke} API, driven through the internal invoke API, against a real HTTP
 * server that speaks Lambda's REST API ({@code POST /2015-03-31/functions/{name}/invocations}) and checks each request's
 * SigV4 signature by signing it again with the configured keys. A mapped ARN still goes to its URL.
 */
@QuarkusTest
@TestProfile(LambdaInvokeTest.LambdaConfigured.class)
class LambdaInvokeTest {

    static final String ACCESS_KEY = "AKIDCOGNATELAMBDA01";
    static final String SECRET_KEY = "lambda-test-secret-key-0123456789abcdef";
    private static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SIGNATURE_PROBLEMS = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static FunctionServer lambda;
    private static FunctionServer webhooks;

    public static class LambdaConfigured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cognate.triggers.lambda.endpoint", "http://127.0.0.1:" + Ports.pickFree(1)[0],
                    "cognate.triggers.lambda.region", "eu-west-1",
                    "cognate.triggers.lambda.access-key-id", ACCESS_KEY,
                    "cognate.triggers.lambda.secret-access-key", SECRET_KEY);
        }
    }

    @Inject
    InternalPort internalPort;

    @BeforeAll
    static void startServers() {
        URI endpoint = ConfigProvider.getConfig().getValue("cognate.triggers.lambda.endpoint", URI.class);
        lambda = new FunctionServer(endpoint.getPort(), LambdaInvokeTest::lambdaApi);
        int webhookPort = ConfigProvider.getConfig().getValue("test.triggers.function-port", Integer.class);
        webhooks = new FunctionServer(webhookPort, (exchange, received) -> FunctionServer.reply(exchange, 200, answered(received.body()), Map.of()));
    }

    @AfterAll
    static void stopServers() {
        lambda.close();
        webhooks.close();
    }

    /** Lambda's Invoke API as the service answers it, per function name. */
    private static void lambdaApi(HttpExchange exchange, FunctionServer.Received received) throws IOException {
        String prefix = "/2015-03-31/functions/";
        if (!received.path().startsWith(prefix) || !received.path().endsWith("/invocations")) {
            FunctionServer.reply(exchange, 404, "{\"message\":\"unknown route\"}", Map.of("x-amzn-ErrorType", "UnknownOperationException"));
            return;
        }
        verifySignature(exchange, received);
        String arn = received.path().substring(prefix.length(), received.path().length() - "/invocations".length());
        String function = arn.substring(arn.lastIndexOf(':') + 1);
        int call = CALLS.computeIfAbsent(function, f -> new AtomicInteger()).incrementAndGet();
        if (!"RequestResponse".equals(received.header("X-Amz-Invocation-Type"))) {
            FunctionServer.reply(exchange, 400, "{\"message\":\"not RequestResponse\"}", Map.of("x-amzn-ErrorType", "InvalidParameterValueException"));
            return;
        }
        switch (function) {
            case "answers" -> FunctionServer.reply(exchange, 200, answered(received.body()), Map.of("X-Amz-Executed-Version", "$LATEST"));
            case "throws" -> FunctionServer.reply(exchange, 200,
                    "{\"errorType\":\"Error\",\"errorMessage\":\"example.org sign-ups are closed\",\"trace\":[\"Error: ...\"]}",
                    Map.of("X-Amz-Function-Error", "Unhandled", "X-Amz-Executed-Version", "$LATEST"));
            case "returns-a-string" -> FunctionServer.reply(exchange, 200, "\"done\"", Map.of());
            case "throttled-twice" -> {
                if (call <= 2) {
                    FunctionServer.reply(exchange, 429, "{\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\",\"Type\":\"User\",\"message\":\"Rate Exceeded.\"}",
                            Map.of("x-amzn-ErrorType", "TooManyRequestsException"));
                } else {
                    FunctionServer.reply(exchange, 200, answered(received.body()), Map.of());
                }
            }
            case "unavailable" -> FunctionServer.reply(exchange, 503, "{\"Type\":\"Service\",\"message\":\"Service unavailable\"}",
                    Map.of("x-amzn-ErrorType", "ServiceException"));
            case "slow" -> {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                FunctionServer.reply(exchange, 200, answered(received.body()), Map.of());
            }
            default -> FunctionServer.reply(exchange, 404, "{\"Type\":\"User\",\"Message\":\"Function not found: " + arn + "\"}",
                    Map.of("x-amzn-ErrorType", "ResourceNotFoundException"));
        }
    }

    private static String answered(String body) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(body);
        event.putObject("response").put("autoConfirmUser", true);
        return JSON.writeValueAsString(event);
    }

    /** Signs the received request again (its signed headers, its X-Amz-Date, the configured keys) and compares. */
    private static void verifySignature(HttpExchange exchange, FunctionServer.Received received) {
        String authorization = received.header("Authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
                || !authorization.contains("/eu-west-1/lambda/aws4_request")) {
            SIGNATURE_PROBLEMS.add("no SigV4 authorization for lambda in eu-west-1: " + authorization);
            return;
        }
        String signedHeaders = authorization.replaceAll(".*SignedHeaders=([^,]+),.*", "$1");
        Instant date = java.time.LocalDateTime.parse(received.header("X-Amz-Date"), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(ZoneOffset.UTC);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://" + received.header("Host") + exchange.getRequestURI().getRawPath()));
        for (String name : signedHeaders.split(";")) {
            if (!name.equals("x-amz-date") && !name.equals("host")) {
                unsigned.putHeader(name, received.header(name));
            }
        }
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY))
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromUtf8String(received.body()))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(date, ZoneOffset.UTC))).request();
        String expected = signed.firstMatchingHeader("Authorization").orElse("");
        if (!expected.equals(authorization)) {
            SIGNATURE_PROBLEMS.add("signature differs: got " + authorization + ", expected " + expected);
        }
    }

    private JsonPath invoke(String target, long timeoutMillis) {
        String request = """
                {"userPoolId": "us-east-1_Lambda0te", "trigger": "PreSignUp", "target": "%s", "timeoutMillis": %d,
                 "event": {"version": "1", "triggerSource": "PreSignUp_SignUp", "userPoolId": "us-east-1_Lambda0te", "userName": "ana",
                           "request": {"userAttributes": {"email": "ana@example.com"}}, "response": {"autoConfirmUser": false}}}
                """.formatted(target, timeoutMillis);
        return given().port(internalPort.port()).contentType(ContentType.JSON).body(request)
                .when().post(InternalRoutes.TRIGGERS + InternalRoutes.TRIGGER_INVOKE)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anArnIsInvokedWithTheEventAsPayloadSignedAndItsAnswerComesBack() throws IOException {
        JsonPath result = invoke(ARN + "answers", 5000);

        assertThat(result.getString("outcome")).isEqualTo("ANSWERED");
        assertThat(result.getBoolean("event.response.autoConfirmUser")).isTrue();
        List<FunctionServer.Received> received = lambda.received("/2015-03-31/functions/" + ARN + "answers/invocations");
        assertThat(received).isNotEmpty();
        JsonNode payload = JSON.readTree(received.get(received.size() - 1).body());
        assertThat(payload.path("triggerSource").asText()).isEqualTo("PreSignUp_SignUp");
        assertThat(payload.path("request").path("userAttributes").path("email").asText()).isEqualTo("ana@example.com");
        assertThat(SIGNATURE_PROBLEMS).isEmpty();
    }

    @Test
    void aFunctionErrorComesBackWithItsTypeAndMessage() {
        JsonPath result = invoke(ARN + "throws", 5000);

        assertThat(result.getString("outcome")).isEqualTo("FUNCTION_ERROR");
        assertThat(result.getString("errorType")).isEqualTo("Error");
        assertThat(result.getString("errorMessage")).isEqualTo("example.org sign-ups are closed");
        assertThat(CALLS.get("throws").get()).as("a function error is not retried").isEqualTo(1);
    }

    @Test
    void aReturnValueThatIsNotTheEventIsAnInvalidResponse() {
        assertThat(invoke(ARN + "returns-a-string", 5000).getString("outcome")).isEqualTo("INVALID_RESPONSE");
    }

    @Test
    void throttlingIsRetriedAndTheThirdAttemptAnswers() {
        JsonPath result = invoke(ARN + "throttled-twice", 5000);

        assertThat(result.getString("outcome")).isEqualTo("ANSWERED");
        assertThat(CALLS.get("throttled-twice").get()).isEqualTo(3);
        assertThat(SIGNATURE_PROBLEMS).isEmpty();
    }

    @Test
    void aServiceErrorIsRetriedThenNoAnswerAndAnUnknownFunctionIsNotRetried() {
        JsonPath unavailable = invoke(ARN + "unavailable", 5000);
        assertThat(unavailable.getString("outcome")).isEqualTo("NO_ANSWER");
        assertThat(unavailable.getString("errorType")).isEqualTo("ServiceException");
        assertThat(CALLS.get("unavailable").get()).isEqualTo(3);

        JsonPath missing = invoke(ARN + "missing", 5000);
        assertThat(missing.getString("outcome")).isEqualTo("NO_ANSWER");
        assertThat(missing.getString("errorType")).isEqualTo("ResourceNotFoundException");
        assertThat(CALLS.get("missing").get()).isEqualTo(1);
    }

    @Test
    void aSlowFunctionIsCutAtTheTimeout() {
        invoke(ARN + "answers", 5000); // the SDK's first call in a JVM loads its classes: not what is measured here
        long started = System.nanoTime();
        JsonPath result = invoke(ARN + "slow", 600);

        assertThat(result.getString("outcome")).isEqualTo("NO_ANSWER");
        assertThat(result.getString("errorType")).isEqualTo("TimeoutError");
        assertThat((System.nanoTime() - started) / 1_000_000).as("cut long before the function's 5 s").isLessThan(4000);
    }

    @Test
    void anArnMappedToAUrlStillRunsAsThatWebhook() {
        JsonPath result = invoke("arn:aws:lambda:us-east-1:123456789012:function:mapped", 5000);

        assertThat(result.getString("outcome")).isEqualTo("ANSWERED");
        assertThat(webhooks.received("/mapped")).hasSize(1);
        assertThat(CALLS).doesNotContainKey("mapped");
    }
}
