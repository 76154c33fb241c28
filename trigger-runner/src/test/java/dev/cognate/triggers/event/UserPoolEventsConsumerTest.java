package dev.cognate.triggers.event;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventJson;
import dev.cognate.events.Topics;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.testkit.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class UserPoolEventsConsumerTest {

    @Inject
    Pool db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void createProducer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    @AfterEach
    void closeProducer() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void appliesARedeliveredEventOnceAndGoesOnAfterAMalformedMessage() throws Exception {
        String poolId = newPoolId();
        CloudEvent created = poolCreated(poolId);
        String json = EventJson.write(created);

        send(poolId, json);
        send(poolId, json);
        send(poolId, "{\"this is\": \"not a CloudEvent\"");
        CloudEvent later = poolCreated(poolId);
        send(poolId, EventJson.write(later));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(observedRows(created.id())).isEqualTo(1);
            assertThat(observedRows(later.id())).isEqualTo(1);
        });
        // Give a late duplicate the chance to show up before asserting that it did not.
        TimeUnit.SECONDS.sleep(1);
        assertThat(observedRows(created.id())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM processed_events WHERE consumer = 'trigger-runner' AND event_id = $1",
                created.id())).isEqualTo(1);
        Row row = db.preparedQuery("SELECT type, user_pool_id, received_at FROM observed_user_pool_events WHERE event_id = $1")
                .execute(Tuple.of(created.id())).await().atMost(Duration.ofSeconds(5)).iterator().next();
        assertThat(row.getString("type")).isEqualTo("cognate.userpool.pool.created.v1");
        assertThat(row.getString("user_pool_id")).isEqualTo(poolId);
        assertThat(row.getOffsetDateTime("received_at")).isNotNull();
    }

    @Test
    void deadLettersMalformedMessagesWithTheReason() throws Exception {
        String poolId = newPoolId();
        String notJson = "not json at all " + UUID.randomUUID();
        CloudEvent foreign = new CloudEvent("1.0", UUID.randomUUID().toString(), "/identitypools/us-east-1:" + poolId,
                UserPoolEvents.POOL_CREATED.name(), null, java.time.Instant.now(), "application/json", null);
        String wrongSource = EventJson.write(foreign);

        send(poolId, notJson);
        send(poolId, wrongSource);

        List<ConsumerRecord<String, String>> deadLetters = readDeadLetters(List.of(notJson, wrongSource));
        assertThat(deadLetters).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(notJson, wrongSource);
        for (ConsumerRecord<String, String> record : deadLetters) {
            assertThat(record.key()).isEqualTo(poolId);
            assertThat(record.headers().lastHeader("dead-letter-reason")).isNotNull();
            assertThat(new String(record.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8))
                    .isEqualTo(Topics.USER_POOL_EVENTS);
        }
        assertThat(observedRows(foreign.id())).isZero();
    }

    @Test
    void appliesAnEventThatArrivesWhilePostgresIsBrieflyDown() throws Exception {
        String poolId = newPoolId();
        CloudEvent created = poolCreated(poolId);

        TestInfrastructure.stopPostgres();
        try {
            send(poolId, EventJson.write(created));
            TimeUnit.MILLISECONDS.sleep(1000);
        } finally {
            TestInfrastructure.startPostgres();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(observedRows(created.id())).isEqualTo(1));
    }

    private static String newPoolId() {
        return "us-east-1_" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
    }

    private static CloudEvent poolCreated(String poolId) {
        return CloudEvent.of(UserPoolEvents.POOL_CREATED, CloudEvent.userPoolSource(poolId), null,
                new UserPoolEvents.PoolChanged(poolId, "pool " + poolId));
    }

    private void send(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.USER_POOL_EVENTS, key, value)).get(30, TimeUnit.SECONDS);
    }

    private long observedRows(String eventId) {
        return count("SELECT count(*) FROM observed_user_pool_events WHERE event_id = $1", eventId);
    }

    private long count(String sql, String parameter) {
        return db.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }

    private List<ConsumerRecord<String, String>> readDeadLetters(List<String> expectedValues) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.USER_POOL_EVENTS)));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (expectedValues.contains(record.value())) {
                        found.add(record);
                    }
                }
                return found.size() >= expectedValues.size();
            });
        }
        return found;
    }
}
