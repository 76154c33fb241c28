package dev.cognate.triggers.event;

import dev.cognate.events.CloudEvent;
import dev.cognate.triggers.support.MessageEventsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

/** The local stack's settings: email and text messages written to files (no SMTP server, no SMS gateway). */
@QuarkusTest
@TestProfile(LocalMailModeTest.LocalStackMail.class)
class LocalMailModeTest extends MessageDeliveryTest {

    public static class LocalStackMail implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cognate.delivery.email.mode", "file",
                    "cognate.delivery.email.directory", "target/test-mail",
                    "cognate.delivery.sms.mode", "file",
                    "cognate.delivery.sms.directory", "target/test-sms",
                    "cognate.delivery.sms.webhook-url", "");
        }
    }

    @ConfigProperty(name = "cognate.delivery.email.directory")
    Path mailDirectory;

    @ConfigProperty(name = "cognate.delivery.sms.directory")
    Path smsDirectory;

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
    void writesEachTextMessageOnceAsAFileNamedByTimeWithTheNumberAndTheCode() throws Exception {
        CloudEvent first = events.smsCode(MessageEventsClient.newPoolId(), "+15550001111", "271828");
        CloudEvent second = events.smsCode(MessageEventsClient.newPoolId(), "+15550002222", "161803");

        events.send(first);
        events.send(first);
        await().atMost(WAIT).until(() -> filesOf(smsDirectory, first).size() == 1);
        events.send(second);
        await().atMost(WAIT).until(() -> filesOf(smsDirectory, second).size() == 1);
        TimeUnit.SECONDS.sleep(2);

        List<Path> files = filesOf(smsDirectory, first);
        assertThat(files).hasSize(1);
        String name = files.get(0).getFileName().toString();
        assertThat(name).matches("\\d{8}T\\d{6}\\.\\d{3}Z-CustomMessage_SignUp-" + first.id() + "\\.txt");
        String sms = Files.readString(files.get(0), StandardCharsets.UTF_8);
        assertThat(sms).startsWith("Date: 20").contains("To: +15550001111\r\n", "X-Cognate-Event-Id: " + first.id() + "\r\n",
                "X-Cognate-Purpose: CustomMessage_SignUp\r\n").contains("271828").doesNotContain("161803");
        assertThat(name).as("names sort by time").isLessThan(filesOf(smsDirectory, second).get(0).getFileName().toString());
        Row row = db.preparedQuery("SELECT status, attempts FROM deliveries WHERE event_id = $1").execute(Tuple.of(first.id()))
                .await().atMost(Duration.ofSeconds(5)).iterator().next();
        assertThat(row.getString("status")).isEqualTo("DELIVERED");
        assertThat(row.getInteger("attempts")).isEqualTo(1);
    }

    private List<Path> filesOf(CloudEvent event) throws IOException {
        return filesOf(mailDirectory, event);
    }

    private static List<Path> filesOf(Path directory, CloudEvent event) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().contains(event.id())).toList();
        }
    }
}
