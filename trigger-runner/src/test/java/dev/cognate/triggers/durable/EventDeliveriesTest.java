package dev.cognate.triggers.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventJson;
import dev.cognate.events.Topics;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.testkit.PrometheusText;
import dev.cognate.triggers.api.InternalPort;
import dev.cognate.triggers.invoke.WebhookSigner;
import dev.cognate.triggers.support.MessageEventsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable post-event triggers and event subscriptions, end to end inside trigger-runner: events put on the real
 * {@code cognate.userpool.events} (as user-pool-service's outbox relay does), a real HTTP function server (the JDK's)
 * that is down and comes back, dead letters listed and replayed on the internal API, and subscriptions receiving
 * signed CloudEvents. Test settings: 3 attempts, back-off 500 ms doubling to 1 s, the job every 200 ms.
 */
@QuarkusTest
class EventDeliveriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicBoolean UP = new AtomicBoolean(true);
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static HttpServer functions;

    record Received(String path, int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Inject
    InternalPort internalPort;

    @Inject
    io.vertx.mutiny.sqlclient.Pool db;

    @Inject
    EventDeliveryJob job;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaProducer<String, String> producer;
    private String poolId;

    @BeforeAll
    static void startFunctions() throws IOException {
        functions = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        functions.createContext("/", EventDeliveriesTest::handle);
        functions.start();
    }

    @AfterAll
    static void stopFunctions() {
        functions.stop(0);
    }

    @BeforeEach
    void producer() {
        UP.set(true);
        poolId = MessageEventsClient.newPoolId();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    @AfterEach
    void closeProducer() {
        producer.close(Duration.ofSeconds(5));
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        int status = path.startsWith("/always-down") || !UP.get() ? 503 : 200;
        RECEIVED.add(new Received(path, status, Map.of(
                "webhook-id", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                "webhook-timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                "webhook-signature", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature")),
                "content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))), body));
        byte[] answer = (status == 200 ? body : "{\"errorType\":\"Unavailable\",\"errorMessage\":\"down for maintenance\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + functions.getAddress().getPort() + path;
    }

    /** Cognito's PostConfirmation event, as user-pool-service writes it in its outbox. */
    private CloudEvent postConfirmation(String path, String userName) {
        ObjectNode event = JSON.createObjectNode().put("version", "1").put("triggerSource", "PostConfirmation_ConfirmSignUp")
                .put("region", "us-east-1").put("userPoolId", poolId).put("userName", userName);
        event.putObject("callerContext").put("awsSdkVersion", "aws-sdk-unknown-unknown").put("clientId", "client1");
        event.putObject("request").putObject("userAttributes").put("sub", UUID.randomUUID().toString()).put("email", userName + "@example.com");
        event.putObject("response");
        return CloudEvent.of(UserPoolEvents.POST_TRIGGER_REQUESTED, CloudEvent.userPoolSource(poolId), null,
                new UserPoolEvents.PostTriggerRequested(poolId, "PostConfirmation", url(path), 2000, event));
    }

    private void send(CloudEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.USER_POOL_EVENTS, poolId + "/" + event.subject(), EventJson.write(event)))
                .get(30, TimeUnit.SECONDS);
    }

    /** How many calls to {@code path} the function answered 200. */
    private long delivered(String path) {
        return received(path).stream().filter(received -> received.status() == 200).count();
    }

    private List<Received> received(String path) {
        return RECEIVED.stream().filter(received -> received.path().equals(path)).toList();
    }

    private String secret() {
        return given().port(internalPort.port()).when().get(InternalRoutes.TRIGGERS + "/user-pools/" + poolId + "/webhook-secret")
                .then().statusCode(200).extract().path("secret");
    }

    private static void assertSigned(Received received, String secret) {
        assertThat(received.headers().get("webhook-id")).startsWith("msg_");
        assertThat(received.headers().get("webhook-signature")).isEqualTo(WebhookSigner.signature(secret,
                received.headers().get("webhook-id"), Long.parseLong(received.headers().get("webhook-timestamp")), received.body()));
    }

    private static PrometheusText metrics() {
        return new PrometheusText(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private JsonPath deadLetters(String query) {
        return given().port(internalPort.port()).when()
                .get(InternalRoutes.TRIGGERS + "/user-pools/" + poolId + "/dead-letters" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aPostConfirmationWhoseFunctionIsDownIsDeliveredOnceWhenItComesBackEvenWhenTheEventComesTwice() throws Exception {
        UP.set(false);
        String path = "/post-confirmation/" + UUID.randomUUID();
        CloudEvent event = postConfirmation(path, "ana");

        send(event);
        send(event);
        await().atMost(WAIT).until(() -> !received(path).isEmpty());
        UP.set(true);

        await().atMost(WAIT).until(() -> received(path).stream().anyMatch(received -> received.status() == 200));
        // several runs of the job (one a second): no second delivery may arrive meanwhile
        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> delivered(path) == 1);
        List<Received> calls = received(path);
        assertThat(calls.stream().filter(received -> received.status() == 200)).as("delivered once").hasSize(1);
        assertThat(calls.size()).as("at most the bounded attempts").isLessThanOrEqualTo(3);
        Received delivered = calls.get(calls.size() - 1);
        assertThat(delivered.json()).isEqualTo(event.data().get("event"));
        assertThat(delivered.headers().get("content-type")).as("a trigger event, as a Lambda function's input").isEqualTo("application/json");
        assertSigned(delivered, secret());
        assertThat(deadLetters("").getList("deadLetters")).isEmpty();
    }

    @Test
    void aFunctionDownForGoodIsDeadLetteredAfterThreeAttemptsAndAReplayTriesAgain() throws Exception {
        String path = "/always-down/" + UUID.randomUUID();
        CloudEvent event = postConfirmation(path, "bo");
        PrometheusText before = metrics();

        send(event);
        await().atMost(WAIT).until(() -> deadLetters("").getList("deadLetters").size() == 1);
        assertThat(received(path)).hasSize(3);
        PrometheusText after = metrics();
        assertThat(after.increase(before, "cognate_event_deliveries_total", "kind=\"trigger\",outcome=\"retrying\"")).isGreaterThanOrEqualTo(2);
        assertThat(after.increase(before, "cognate_event_deliveries_total", "kind=\"trigger\",outcome=\"dead_lettered\"")).isEqualTo(1);
        JsonPath letters = deadLetters("?maxResults=1");
        assertThat(letters.getString("deadLetters[0].kind")).isEqualTo("TRIGGER");
        assertThat(letters.getString("deadLetters[0].name")).isEqualTo("PostConfirmation");
        assertThat(letters.getString("deadLetters[0].eventId")).isEqualTo(event.id());
        assertThat(letters.getString("deadLetters[0].target")).isEqualTo(url(path));
        assertThat(letters.getInt("deadLetters[0].attempts")).isEqualTo(3);
        assertThat(letters.getString("deadLetters[0].lastError")).isEqualTo("Unavailable: down for maintenance");
        assertThat(letters.getString("nextToken")).isNull();
        String id = letters.getString("deadLetters[0].id");

        // Replayed while the function is still down: tried again, with its attempts counted afresh, then dead again.
        RECEIVED.clear();
        given().port(internalPort.port()).when().post(InternalRoutes.TRIGGERS + "/user-pools/" + poolId + "/dead-letters/" + id + "/replay")
                .then().statusCode(204);
        await().atMost(WAIT).until(() -> received(path).size() == 3 && deadLetters("").getList("deadLetters").size() == 1);
        assertThat(deadLetters("").getInt("deadLetters[0].attempts")).as("counted afresh after the replay").isEqualTo(3);
        given().port(internalPort.port()).when().post(InternalRoutes.TRIGGERS + "/user-pools/us-east-1_Other0000/dead-letters/" + id + "/replay")
                .then().statusCode(404);
    }

    @Test
    void aDeadLetterReplayedAfterTheFunctionCameBackIsDeliveredOnce() throws Exception {
        UP.set(false);
        String path = "/post-authentication/" + UUID.randomUUID();
        send(postConfirmation(path, "cy"));
        await().atMost(WAIT).until(() -> deadLetters("").getList("deadLetters").size() == 1);
        String id = deadLetters("").getString("deadLetters[0].id");
        UP.set(true);

        given().port(internalPort.port()).when().post(InternalRoutes.TRIGGERS + "/user-pools/" + poolId + "/dead-letters/" + id + "/replay")
                .then().statusCode(204);

        await().atMost(WAIT).until(() -> received(path).stream().anyMatch(received -> received.status() == 200));
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> delivered(path) == 1);
        assertThat(received(path).stream().filter(received -> received.status() == 200)).hasSize(1);
        assertThat(deadLetters("").getList("deadLetters")).isEmpty();
        given().port(internalPort.port()).when().post(InternalRoutes.TRIGGERS + "/user-pools/" + poolId + "/dead-letters/" + id + "/replay")
                .then().statusCode(404);
    }

    @Test
    void subscriptionsReceiveTheEventTypesTheyNameAsSignedCloudEvents() throws Exception {
        String path = "/subscriber/" + UUID.randomUUID();
        JsonPath created = given().port(internalPort.port()).contentType(ContentType.JSON)
                .body(Map.of("endpoint", url(path), "eventTypes", List.of(UserPoolEvents.USER_SIGNED_UP.name(), UserPoolEvents.USER_SIGNED_IN.name())))
                .when().post(InternalRoutes.TRIGGERS + "/user-pools/" + poolId + "/event-subscriptions")
                .then().statusCode(200).extract().jsonPath();
        assertThat(created.getString("id")).isNotBlank();
        String everything = url("/everything/" + UUID.randomUUID());
        given().port(internalPort.port()).contentType(ContentType.JSON).body(Map.of("endpoint", everything, "eventTypes", List.of("*")))
                .when().post(InternalRoutes.TRIGGERS + "/user-pools/" + poolId + "/event-subscriptions").then().statusCode(200);
        String sub = UUID.randomUUID().toString();
        CloudEvent signedUp = CloudEvent.of(UserPoolEvents.USER_SIGNED_UP, CloudEvent.userPoolSource(poolId), sub,
                new UserPoolEvents.UserChanged(poolId, sub, "dee", "UNCONFIRMED", true, List.of("email")));
        CloudEvent signedIn = CloudEvent.of(UserPoolEvents.USER_SIGNED_IN, CloudEvent.userPoolSource(poolId), sub,
                new UserPoolEvents.SignedIn(poolId, sub, "dee", "client1", "USER_PASSWORD_AUTH"));
        CloudEvent deleted = CloudEvent.of(UserPoolEvents.USER_DELETED, CloudEvent.userPoolSource(poolId), sub,
                new UserPoolEvents.UserChanged(poolId, sub, "dee", "CONFIRMED", true, List.of()));
        CloudEvent trigger = postConfirmation("/post-confirmation/" + UUID.randomUUID(), "dee");

        send(signedUp);
        send(signedIn);
        send(signedIn);
        send(deleted);
        send(trigger);

        await().atMost(WAIT).until(() -> received(path).size() >= 2 && received(everything.substring(everything.indexOf("/everything"))).size() >= 3);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> received(path).size() == 2);
        List<Received> calls = received(path);
        assertThat(calls).hasSize(2);
        String secret = secret();
        calls.forEach(call -> assertSigned(call, secret));
        assertThat(calls).extracting(call -> call.headers().get("content-type")).as("the CloudEvents HTTP binding's structured mode")
                .containsOnly("application/cloudevents+json; charset=UTF-8");
        assertThat(calls.stream().map(call -> call.json().get("id").asText())).containsExactlyInAnyOrder(signedUp.id(), signedIn.id());
        JsonNode cloudEvent = calls.stream().filter(call -> call.json().get("id").asText().equals(signedIn.id())).findFirst().orElseThrow().json();
        assertThat(cloudEvent.get("specversion").asText()).isEqualTo("1.0");
        assertThat(cloudEvent.get("type").asText()).isEqualTo("cognate.userpool.user.signed_in.v1");
        assertThat(cloudEvent.get("source").asText()).isEqualTo("/userpools/" + poolId);
        assertThat(cloudEvent.get("subject").asText()).isEqualTo(sub);
        assertThat(cloudEvent.get("data").get("authFlow").asText()).isEqualTo("USER_PASSWORD_AUTH");
        assertThat(received(everything.substring(everything.indexOf("/everything"))).stream().map(call -> call.json().get("type").asText()))
                .as("* is every user pool event, never the trigger requests (they carry the user's attributes)")
                .containsExactlyInAnyOrder(UserPoolEvents.USER_SIGNED_UP.name(), UserPoolEvents.USER_SIGNED_IN.name(), UserPoolEvents.USER_DELETED.name());

        given().port(internalPort.port()).when().delete(InternalRoutes.TRIGGERS + "/user-pools/" + poolId + "/event-subscriptions/" + created.getString("id"))
                .then().statusCode(204);
        assertThat(given().port(internalPort.port()).when().get(InternalRoutes.TRIGGERS + "/user-pools/" + poolId + "/event-subscriptions")
                .then().statusCode(200).extract().jsonPath().getList("subscriptions.endpoint")).containsExactly(everything);
    }

    @Test
    void deliveredRowsPastTheRetentionArePurgedAndDeadLettersKept() throws Exception {
        String path = "/purged/" + UUID.randomUUID();
        CloudEvent delivered = postConfirmation(path, "flo");
        send(delivered);
        await().atMost(WAIT).until(() -> received(path).stream().anyMatch(received -> received.status() == 200));
        String lost = "/always-down/" + UUID.randomUUID();
        send(postConfirmation(lost, "gil"));
        await().atMost(WAIT).until(() -> deadLetters("").getList("deadLetters").size() == 1);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM event_deliveries WHERE event_id = $1 AND status = 'DELIVERED'", delivered.id()) == 1);
        db.preparedQuery("UPDATE event_deliveries SET updated_at = now() - interval '8 days' WHERE user_pool_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(poolId)).await().indefinitely();

        job.purge();

        assertThat(count("SELECT count(*) FROM event_deliveries WHERE event_id = $1", delivered.id())).isZero();
        assertThat(deadLetters("").getList("deadLetters")).as("dead letters wait for a replay").hasSize(1);
    }

    private long count(String sql, String id) {
        return db.preparedQuery(sql).execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void badSubscriptionsAndRequestsAreRefusedAndChangeNothing() {
        String base = InternalRoutes.TRIGGERS + "/user-pools/" + poolId;
        Map<Map<String, Object>, String> bad = Map.of(
                Map.of("endpoint", "http://10.0.0.7/hook", "eventTypes", List.of("*")), "Endpoint must be an https URL (http only for the allowed egress hosts).",
                Map.of("endpoint", "https://169.254.169.254/latest", "eventTypes", List.of("*")), "Endpoint refused: the egress guard refuses 169.254.169.254",
                Map.of("endpoint", "ftp://example.com/hook", "eventTypes", List.of("*")), "Endpoint must be an https URL",
                Map.of("endpoint", url("/x"), "eventTypes", List.of("cognate.userpool.user.exploded.v1")), "Unknown event type cognate.userpool.user.exploded.v1",
                Map.of("endpoint", url("/x"), "eventTypes", List.of()), "EventTypes must list 1 to 50 event types",
                Map.of("endpoint", url("/x"), "eventTypes", List.of(UserPoolEvents.POST_TRIGGER_REQUESTED.name())), "Unknown event type cognate.userpool.trigger.requested.v1");
        bad.forEach((body, message) -> assertThat(given().port(internalPort.port()).contentType(ContentType.JSON).body(body)
                .when().post(base + "/event-subscriptions").then().statusCode(400).extract().jsonPath().getString("message"))
                .as(body.toString()).startsWith(message));
        assertThat(given().port(internalPort.port()).when().get(base + "/event-subscriptions").then().statusCode(200)
                .extract().jsonPath().getList("subscriptions")).isEmpty();
        given().port(internalPort.port()).when().delete(base + "/event-subscriptions/nope").then().statusCode(404);
        given().port(internalPort.port()).when().post(base + "/dead-letters/nope/replay").then().statusCode(404);
        given().port(internalPort.port()).when().get(base + "/dead-letters?maxResults=0").then().statusCode(400);
        given().port(internalPort.port()).when().get(base + "/dead-letters?maxResults=61").then().statusCode(400);
        given().port(internalPort.port()).when().get(base + "/dead-letters?nextToken=%%%").then().statusCode(400);
    }
}
