package dev.cognate.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

final class KafkaClients {

    private KafkaClients() {
    }

    static KafkaProducer<String, String> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000",
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500"),
                new StringSerializer(), new StringSerializer());
    }

    /**
     * Sends from another thread, as a service would while the broker is down: {@code send()} itself may block until
     * the producer has fresh metadata, i.e. until the broker is back.
     */
    static CompletableFuture<RecordMetadata> sendInBackground(KafkaProducer<String, String> producer, String topic,
            String value) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return producer.send(new ProducerRecord<>(topic, value)).get();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Reads the topic from the beginning until {@code expected} values arrived or {@code timeout} passed. */
    static List<String> consume(String bootstrapServers, String topic, int expected, Duration timeout) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "testkit-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
