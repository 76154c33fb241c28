package dev.cognate.triggers.event;

import com.icegreen.greenmail.util.GreenMail;
import dev.cognate.outbox.consumer.IdempotentConsumer;
import dev.cognate.triggers.support.MessageEventsClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the tests of cognate.messages deliveries start from: a producer of message events sealed as user-pool-service
 * seals them ({@link MessageEventsClient}, on the test Kafka with the test master key), and the {@code deliveries} rows
 * and Kafka headers read back.
 */
abstract class MessageDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "cognate.master-key")
    String masterKey;

    MessageEventsClient events;

    @BeforeEach
    void openEvents() {
        events = new MessageEventsClient(bootstrapServers, masterKey);
    }

    @AfterEach
    void closeEvents() {
        events.close();
    }

    /** The event's one deliveries row, once it has {@code status}. */
    Row awaitDelivery(String eventId, String status) {
        await().atMost(WAIT).until(() -> {
            RowSet<Row> rows = deliveryRows(eventId);
            return rows.size() == 1 && status.equals(rows.iterator().next().getString("status"));
        });
        return delivery(eventId);
    }

    /** The event's deliveries row, asserted to be the only one. */
    Row delivery(String eventId) {
        RowSet<Row> rows = deliveryRows(eventId);
        assertThat(rows.size()).as("deliveries rows of %s", eventId).isEqualTo(1);
        return rows.iterator().next();
    }

    RowSet<Row> deliveryRows(String eventId) {
        return db.preparedQuery("SELECT * FROM deliveries WHERE event_id = $1").execute(Tuple.of(eventId))
                .await().atMost(Duration.ofSeconds(5));
    }

    /** A fresh email address, so tests never read each other's mail. */
    static String recipient() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    /** What the SMTP server received for {@code to}. */
    static List<MimeMessage> mailsTo(GreenMail smtp, String to) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (Arrays.stream(message.getAllRecipients()).anyMatch(address -> address.toString().equals(to))) {
                found.add(message);
            }
        }
        return found;
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** The attempts header of the first record whose value holds {@code marker}. */
    static String attemptsOf(List<ConsumerRecord<String, String>> records, String marker) {
        return records.stream().filter(record -> record.value().contains(marker)).findFirst()
                .map(record -> header(record, IdempotentConsumer.ATTEMPTS_HEADER)).orElseThrow();
    }
}
