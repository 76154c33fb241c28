package dev.cognate.userpool.event;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Reads a whole topic from the beginning with a plain Kafka consumer, as any downstream consumer would. */
final class TopicReader implements AutoCloseable {

    /** A record as it arrived: its key and its CloudEvent. */
    record Received(String key, CloudEvent event) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();

    TopicReader(String topic) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<TopicPartition> partitions = new ArrayList<>();
        // Asking for partitions auto-creates the topic; right after a broker restart the answer can still be empty.
        await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.partitionsFor(topic, Duration.ofSeconds(5)).isEmpty());
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Everything received so far, after one more poll. */
    List<Received> poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            received.add(new Received(record.key(), EventJson.read(record.value())));
        }
        return List.copyOf(received);
    }

    /** Received events whose data names this user pool. */
    List<Received> forPool(String userPoolId) {
        return poll().stream().filter(r -> userPoolId.equals(r.event().data().path("userPoolId").asText())).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
