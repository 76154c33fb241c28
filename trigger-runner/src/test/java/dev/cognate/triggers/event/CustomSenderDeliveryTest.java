package dev.cognate.triggers.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cognate.events.CloudEvent;
import dev.cognate.events.MessageEvents;
import dev.cognate.outbox.consumer.IdempotentConsumer;
import dev.cognate.testkit.Ports;
import dev.cognate.triggers.support.MessageEventsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CustomEmailSender / CustomSMSSender on cognate.messages: real Kafka and PostgreSQL, a real function server (the
 * JDK's HTTP server) that decrypts the code with the private key as a function would, and a real SMTP server that must
 * receive nothing. The requests are built as user-pool-service builds them: the Cognito event with {@code request.code}
 * a compact JWE (RSA-OAEP-256 + A256GCM) to the operator's public key, which trigger-runner never holds.
 */
@QuarkusTest
class CustomSenderDeliveryTest extends MessageDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNMAPPED_ARN = "arn:aws:lambda:us-east-1:123456789012:function:custom-sender-unmapped";

    private static KeyPair operatorKey;
    private static HttpServer functions;
    private static GreenMail smtp;
    /** Bodies and webhook headers the function server received, by path. */
    private static final Map<String, List<Received>> RECEIVED = new ConcurrentHashMap<>();
    /** Calls per path, for the function that fails once. */
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    record Received(Map<String, String> headers, JsonNode body) {
    }

    @BeforeAll
    static void startServers() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        operatorKey = generator.generateKeyPair();
        functions = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        functions.createContext("/", CustomSenderDeliveryTest::handle);
        functions.start();
        int smtpPort = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("test.delivery.smtp-port", Integer.class);
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopServers() {
        functions.stop(0);
        smtp.stop();
    }

    /**
     * /sender takes every message (204, as a Lambda function returning nothing); /flaky fails its first call with a
     * function error; /down always fails with one.
     */
    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        RECEIVED.computeIfAbsent(path, ignored -> new CopyOnWriteArrayList<>()).add(new Received(Map.of(
                "content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
                "webhook-id", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                "webhook-signature", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature"))), body));
        int call = CALLS.computeIfAbsent(path, ignored -> new AtomicInteger()).incrementAndGet();
        boolean fail = path.startsWith("/down") || path.startsWith("/flaky") && call == 1;
        byte[] answer = fail ? "{\"errorType\":\"Error\",\"errorMessage\":\"the mail provider is throttling\"}".getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        exchange.sendResponseHeaders(fail ? 500 : 204, answer.length == 0 ? -1 : answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Test
    void handsTheEncryptedCodeToTheCustomEmailSenderOnceAndMailsNothing() throws Exception {
        String poolId = MessageEventsClient.newPoolId();
        String to = recipient();
        String path = "/sender-" + UUID.randomUUID();
        CloudEvent event = customSenderEvent(poolId, "CustomMessage_SignUp", "EMAIL", to, "482913", functionUrl(path));

        events.send(event);
        events.send(event);

        Row row = awaitDelivery(event.id(), "DELIVERED");
        assertThat(row.getInteger("attempts")).isEqualTo(1);
        assertThat(row.getString("purpose")).isEqualTo("CustomEmailSender_SignUp");
        assertThat(row.getString("medium")).isEqualTo("EMAIL");
        // Give the duplicate time to arrive before asserting that it invoked nothing.
        TimeUnit.SECONDS.sleep(2);
        assertThat(RECEIVED.get(path)).hasSize(1);
        Received received = RECEIVED.get(path).get(0);
        JsonNode sent = event.data().path("customSender").path("event");
        assertThat(received.body()).as("the Cognito event, as user-pool-service built it").isEqualTo(sent);
        assertThat(received.body().path("triggerSource").asText()).isEqualTo("CustomEmailSender_SignUp");
        assertThat(received.body().path("request").path("type").asText()).isEqualTo("customEmailSenderRequestV1");
        assertThat(received.body().has("response")).isFalse();
        assertThat(received.headers().get("content-type")).isEqualTo("application/json");
        assertThat(received.headers().get("webhook-id")).startsWith("msg_");
        assertThat(received.headers().get("webhook-signature")).startsWith("v1,");
        assertThat(decrypt(received.body().path("request").path("code").asText())).isEqualTo("482913");
        assertThat(mailsTo(to)).as("the pool's custom sender delivers, not Cognate").isEmpty();
    }

    @Test
    void retriesAFunctionErrorAsAnAsynchronousLambdaInvocationIsRetried() throws Exception {
        String poolId = MessageEventsClient.newPoolId();
        String path = "/flaky-" + UUID.randomUUID();
        CloudEvent event = customSenderEvent(poolId, "CustomMessage_ForgotPassword", "SMS", "+15557654321", "556677", functionUrl(path));

        events.send(event);

        Row row = awaitDelivery(event.id(), "DELIVERED");
        assertThat(row.getInteger("attempts")).isEqualTo(2);
        assertThat(row.getString("purpose")).isEqualTo("CustomSMSSender_ForgotPassword");
        assertThat(row.getString("medium")).isEqualTo("SMS");
        assertThat(row.getString("last_error")).contains("CustomSMSSender").contains("the mail provider is throttling")
                .doesNotContain("556677");
        assertThat(RECEIVED.get(path)).hasSize(2);
        assertThat(RECEIVED.get(path).get(1).body().path("request").path("type").asText()).isEqualTo("customSMSSenderRequestV1");
        assertThat(decrypt(RECEIVED.get(path).get(1).body().path("request").path("code").asText())).isEqualTo("556677");
    }

    @Test
    void deadLettersAfterTheLastAttemptWhenTheFunctionFailsOrIsDown() throws Exception {
        String poolId = MessageEventsClient.newPoolId();
        String path = "/down-" + UUID.randomUUID();
        CloudEvent failing = customSenderEvent(poolId, "CustomMessage_SignUp", "EMAIL", recipient(), "101010", functionUrl(path));
        String nothingListens = "http://127.0.0.1:" + Ports.pickFree(1)[0] + "/sender";
        CloudEvent unreachable = customSenderEvent(poolId, "CustomMessage_SignUp", "EMAIL", recipient(), "202020", nothingListens);

        events.send(failing);
        events.send(unreachable);

        List<ConsumerRecord<String, String>> deadLetters = events.awaitDeadLetters(List.of(failing.id(), unreachable.id()), WAIT);
        assertThat(deadLetters).hasSize(2);
        for (ConsumerRecord<String, String> record : deadLetters) {
            assertThat(header(record, IdempotentConsumer.ATTEMPTS_HEADER)).isEqualTo("4");
            assertThat(header(record, "dead-letter-reason")).contains("after 4 attempts");
        }
        assertThat(RECEIVED.get(path)).hasSize(4);
        assertThat(delivery(failing.id()).getString("status")).isEqualTo("FAILED");
        assertThat(delivery(failing.id()).getInteger("attempts")).isEqualTo(4);
        assertThat(delivery(unreachable.id()).getString("status")).isEqualTo("FAILED");
        assertThat(delivery(unreachable.id()).getString("last_error")).contains("Unreachable");
    }

    @Test
    void deadLettersAtOnceWhatCanNeverBeHandedOver() {
        String poolId = MessageEventsClient.newPoolId();
        CloudEvent unmapped = customSenderEvent(poolId, "CustomMessage_AdminCreateUser", "EMAIL", recipient(), "Tmp#pass-1", UNMAPPED_ARN);
        CloudEvent wrongMedium = customSenderEvent(poolId, "CustomMessage_SignUp", "SMS", "+15551234567", "303030", functionUrl("/sender"),
                "CustomEmailSender");

        events.send(unmapped);
        events.send(wrongMedium);

        List<ConsumerRecord<String, String>> deadLetters = events.awaitDeadLetters(List.of(unmapped.id(), wrongMedium.id()), WAIT);
        assertThat(attemptsOf(deadLetters, unmapped.id())).as("refused for good at the first attempt").isEqualTo("1");
        assertThat(attemptsOf(deadLetters, wrongMedium.id())).as("malformed: never applied").isEqualTo("0");
        Row row = delivery(unmapped.id());
        assertThat(row.getString("status")).isEqualTo("REJECTED");
        assertThat(row.getString("purpose")).isEqualTo("CustomEmailSender_AdminCreateUser");
        assertThat(row.getString("last_error")).contains("LambdaNotSupported").doesNotContain("Tmp#pass-1");
    }

    /** A request for the pool's custom sender of {@code medium}, as user-pool-service writes it to the outbox. */
    private CloudEvent customSenderEvent(String poolId, String purpose, String medium, String destination, String secret, String target) {
        return customSenderEvent(poolId, purpose, medium, destination, secret, target,
                "SMS".equals(medium) ? "CustomSMSSender" : "CustomEmailSender");
    }

    private CloudEvent customSenderEvent(String poolId, String purpose, String medium, String destination, String secret, String target,
                                         String trigger) {
        String sub = UUID.randomUUID().toString();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "1");
        event.put("triggerSource", trigger + "_" + purpose.substring("CustomMessage_".length()));
        event.put("region", "us-east-1");
        event.put("userPoolId", poolId);
        event.put("userName", "alice");
        event.putObject("callerContext").put("awsSdkVersion", "aws-sdk-unknown-unknown").put("clientId", "CLIENT_ID_NOT_APPLICABLE");
        ObjectNode request = event.putObject("request");
        request.put("type", "CustomEmailSender".equals(trigger) ? "customEmailSenderRequestV1" : "customSMSSenderRequestV1");
        request.put("code", encrypt(secret));
        request.putObject("clientMetadata");
        request.putObject("userAttributes").put("sub", sub).put("SMS".equals(medium) ? "phone_number" : "email", destination)
                .put("cognito:user_status", "UNCONFIRMED");
        MessageEvents.CustomSender sender = new MessageEvents.CustomSender(trigger, target,
                "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", event);
        return MessageEventsClient.event(MessageEvents.CODE_REQUESTED, new MessageEvents.DeliveryRequested(poolId, sub, "alice",
                purpose, medium, destination, null, null, null, null, null, sender));
    }

    private static String encrypt(String secret) {
        try {
            JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM), new Payload(secret));
            jwe.encrypt(new RSAEncrypter((RSAPublicKey) operatorKey.getPublic()));
            return jwe.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the function does: decrypt the compact JWE with the private key. */
    private static String decrypt(String code) throws Exception {
        JWEObject jwe = JWEObject.parse(code);
        assertThat(jwe.getHeader().getAlgorithm()).isEqualTo(JWEAlgorithm.RSA_OAEP_256);
        assertThat(jwe.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A256GCM);
        jwe.decrypt(new RSADecrypter((RSAPrivateKey) operatorKey.getPrivate()));
        return jwe.getPayload().toString();
    }

    private static String functionUrl(String path) {
        return "http://127.0.0.1:" + functions.getAddress().getPort() + path;
    }

    private static List<MimeMessage> mailsTo(String to) throws Exception {
        return mailsTo(smtp, to);
    }

}
