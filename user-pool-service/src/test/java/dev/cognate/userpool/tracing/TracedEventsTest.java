package dev.cognate.userpool.tracing;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.Topics;
import dev.cognate.outbox.TraceContext;
import dev.cognate.outbox.consumer.ConsumerSettings;
import dev.cognate.outbox.consumer.EventHandler;
import dev.cognate.outbox.consumer.IdempotentConsumer;
import dev.cognate.userpool.CognitoIdpClients;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from an HTTP request to the consumer of the event it wrote: the caller's {@code traceparent} is continued
 * by the server span, the outbox row keeps it, the relay sends it as the record's {@code traceparent} header, and the
 * consumer template's span (fed the very record from Kafka) is a child of the request's span. Spans are read from an
 * in-memory exporter; traces are on only in this test's profile.
 */
@QuarkusTest
@TestProfile(TracedEventsTest.TracesOn.class)
class TracedEventsTest {

    public static class TracesOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "50ms");
        }
    }

    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @TestHTTPResource("/")
    URI endpoint;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    Pool db;

    @Test
    void theConsumerOfAnEventJoinsTheTraceOfTheRequestThatWroteIt() {
        String id;
        try (CognitoIdentityProviderClient cognito = CognitoIdpClients.operator(endpoint)) {
            id = cognito.createUserPool(r -> r.poolName("traced-" + System.nanoTime())
                    .overrideConfiguration(o -> o.putHeader(TraceContext.HEADER, "00-" + CALLER_TRACE + "-00f067aa0ba902b7-01"))).userPool().id();
        }
        SpanData request = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER && span.getTraceId().equals(CALLER_TRACE)).findFirst(), Optional::isPresent).get();
        assertThat(request.getParentSpanId()).as("the caller's span").isEqualTo("00f067aa0ba902b7");

        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(20)).until(() -> recordOf(id), Optional::isPresent).get();
        Header header = record.headers().lastHeader(TraceContext.HEADER);
        assertThat(header).as("the relay sent the writer's trace context").isNotNull();
        String traceparent = new String(header.value(), StandardCharsets.UTF_8);
        assertThat(traceparent).startsWith("00-" + CALLER_TRACE + "-");

        AtomicReference<String> applied = new AtomicReference<>();
        IdempotentConsumer<CloudEvent> consumer = new IdempotentConsumer<>(db, "traced-test", new EventHandler<>() {
            @Override
            public CloudEvent parse(CloudEvent event) {
                return event;
            }

            @Override
            public Uni<Void> apply(SqlClient transaction, CloudEvent event, int attempt) {
                applied.set(event.id());
                return Uni.createFrom().voidItem();
            }
        }, new ConsumerSettings("traced-events-test", 1, Duration.ofMillis(10), Duration.ofMillis(10)));
        consumer.consume(Message.of(record.value(), Metadata.of(new IncomingKafkaRecordMetadata<>(record, "traced-test"))))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(applied.get()).isNotNull();

        SpanData consumed = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("traced-test process")).findFirst(), Optional::isPresent).get();
        assertThat(consumed.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(consumed.getTraceId()).as("one trace from the request to the consumer").isEqualTo(CALLER_TRACE);
        assertThat(consumed.getParentSpanId()).as("its parent is the span that wrote the event")
                .isEqualTo(traceparent.split("-")[2]);
        assertThat(consumed.getAttributes().asMap().values()).contains(applied.get(), Topics.USER_POOL_EVENTS);
    }

    /** The POOL_CREATED record of the pool, read from the topic with a plain Kafka consumer. */
    private static Optional<ConsumerRecord<String, String>> recordOf(String poolId) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            kafka.partitionsFor(Topics.USER_POOL_EVENTS, Duration.ofSeconds(5))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            if (partitions.isEmpty()) {
                return Optional.empty(); // the relay's first send creates the topic
            }
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            // The topic holds every event of the test run: read to its end, a poll at a time (500 records at most each).
            Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> kafka.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofSeconds(1))) {
                    if (poolId.equals(record.key())) {
                        return Optional.of(record);
                    }
                }
            }
            return Optional.empty();
        }
    }
}
