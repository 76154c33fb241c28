package dev.cognate.triggers.support;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventJson;
import dev.cognate.events.EventType;
import dev.cognate.events.MessageEvents;
import dev.cognate.events.Topics;
import dev.cognate.secrets.MasterKeyCipher;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * What user-pool-service does on {@code cognate.messages}, for the tests: delivery requests as real CloudEvents
 * with a secret sealed by {@link MasterKeyCipher} under the test master key, sent with a Kafka producer; and a
 * reader of the dead-letter topic.
 */
public final class MessageEventsClient implements AutoCloseable {

    private final String bootstrapServers;
    private final MasterKeyCipher cipher;
    private final KafkaProducer<String, String> producer;

    public MessageEventsClient(String bootstrapServers, String masterKey) {
        this.bootstrapServers = bootstrapServers;
        this.cipher = new MasterKeyCipher(Optional.of(masterKey));
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    public static String newPoolId() {
        return "us-east-1_" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
    }

    /** Seals {@code secret} as user-pool-service does, bound to purpose, pool and user. */
    public String seal(String secret, String purpose, String poolId, String sub) {
        return Base64.getEncoder().encodeToString(cipher.encrypt(secret, MessageEvents.sealingContext(purpose, poolId, sub)));
    }

    /** A sign-up code request by email, the code sealed for this pool and user. */
    public CloudEvent emailCode(String poolId, String destination, String code, String from, String replyTo) {
        String sub = UUID.randomUUID().toString();
        String purpose = "CustomMessage_SignUp";
        return event(MessageEvents.CODE_REQUESTED, new MessageEvents.DeliveryRequested(poolId, sub, "alice", purpose, "EMAIL",
                destination, seal(code, purpose, poolId, sub), "Your verification code {####}",
                "Your verification code is {####}.", from, replyTo));
    }

    public CloudEvent smsCode(String poolId, String phoneNumber, String code) {
        String sub = UUID.randomUUID().toString();
        String purpose = "CustomMessage_SignUp";
        return event(MessageEvents.CODE_REQUESTED, new MessageEvents.DeliveryRequested(poolId, sub, "bob", purpose, "SMS",
                phoneNumber, seal(code, purpose, poolId, sub), null, "Your verification code is {####}.", null, null));
    }

    public static CloudEvent event(EventType<MessageEvents.DeliveryRequested> type, MessageEvents.DeliveryRequested data) {
        return CloudEvent.of(type, CloudEvent.userPoolSource(data.userPoolId()), data.sub(), data);
    }

    public void send(CloudEvent event) {
        send(event.data().path("userPoolId").asText() + "/" + event.subject(), EventJson.write(event));
    }

    public void send(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(Topics.MESSAGES, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The dead letters of {@code cognate.messages} whose value contains one of {@code markers}, once all are there. */
    public List<ConsumerRecord<String, String>> awaitDeadLetters(List<String> markers, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.MESSAGES)));
            await().atMost(timeout).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (markers.stream().anyMatch(record.value()::contains)) {
                        found.add(record);
                    }
                }
                return found.size() >= markers.size();
            });
        }
        return found;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
