package dev.cognate.triggers.event;

import dev.cognate.events.CloudEvent;
import dev.cognate.triggers.support.MessageEventsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The local stack's settings: email written to files (no SMTP server), no SMS gateway. */
@QuarkusTest
@TestProfile(LocalMailModeTest.LocalStackMail.class)
class LocalMailModeTest {

    public static class LocalStackMail implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cognate.delivery.email.mode", "file",
                    "cognate.delivery.email.directory", "target/test-mail",
                    "cognate.delivery.sms.webhook-url", "");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "cognate.master-key")
    String masterKey;

    @ConfigProperty(name = "cognate.delivery.email.directory")
    Path mailDirectory;

    private MessageEventsClient events;

    @BeforeEach
    void createClient() {
        events = new MessageEventsClient(bootstrapServers, masterKey);
    }

    @AfterEach
    void closeClient() {
        events.close();
    }

    @Test
    void writesEachEmailOnceAsAFileADeveloperCanRead() throws Exception {
        String to = "dev-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        CloudEvent event = events.emailCode(MessageEventsClient.newPoolId(), to, "314159", null, "support@acme.test");

        events.send(event);
        events.send(event);

        await().atMost(WAIT).until(() -> filesOf(event).size() == 1);
        TimeUnit.SECONDS.sleep(2);
        List<Path> files = filesOf(event);
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).endsWith("-CustomMessage_SignUp-" + event.id() + ".eml");
        String mail = Files.readString(files.get(0), StandardCharsets.UTF_8);
        assertThat(mail).contains("From: no-reply@cognate.localhost\r\n", "To: " + to + "\r\n",
                "Reply-To: support@acme.test\r\n", "Subject: Your verification code 314159\r\n",
                "X-Cognate-Event-Id: " + event.id() + "\r\n",
                "\r\n\r\nYour verification code is 314159.\r\n");
        Row row = db.preparedQuery("SELECT status, attempts FROM deliveries WHERE event_id = $1").execute(Tuple.of(event.id()))
                .await().atMost(Duration.ofSeconds(5)).iterator().next();
        assertThat(row.getString("status")).isEqualTo("DELIVERED");
        assertThat(row.getInteger("attempts")).isEqualTo(1);
    }

    @Test
    void deadLettersTextMessagesWhenNoSmsGatewayIsConfigured() {
        CloudEvent event = events.smsCode(MessageEventsClient.newPoolId(), "+15550001111", "271828");

        events.send(event);

        List<ConsumerRecord<String, String>> deadLetters = events.awaitDeadLetters(List.of(event.id()), WAIT);
        assertThat(new String(deadLetters.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("no SMS gateway configured");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Row row = db.preparedQuery("SELECT status, last_error FROM deliveries WHERE event_id = $1")
                    .execute(Tuple.of(event.id())).await().atMost(Duration.ofSeconds(5)).iterator().next();
            assertThat(row.getString("status")).isEqualTo("REJECTED");
            assertThat(row.getString("last_error")).isEqualTo("no SMS gateway configured (cognate.delivery.sms.webhook-url)");
        });
    }

    private List<Path> filesOf(CloudEvent event) throws IOException {
        if (!Files.isDirectory(mailDirectory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(mailDirectory)) {
            return files.filter(file -> file.getFileName().toString().contains(event.id())).toList();
        }
    }
}
