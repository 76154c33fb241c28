package dev.cognate.identitypool.event;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventJson;
import dev.cognate.events.Topics;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.identitypool.KafkaTopics;
import dev.cognate.identitypool.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** identity-pool-service learns of user pool changes from cognate.userpool.events: at least once in, exactly once applied. */
@QuarkusTest
class UserPoolEventsConsumerTest {

    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void appliesARedeliveredUserPoolEventOnce() {
        String userPoolId = newUserPoolId();
        CloudEvent created = CloudEvent.of(UserPoolEvents.POOL_CREATED, CloudEvent.userPoolSource(userPoolId), null,
                new UserPoolEvents.PoolChanged(userPoolId, "consumer-test"));
        CloudEvent updated = CloudEvent.of(UserPoolEvents.POOL_UPDATED, CloudEvent.userPoolSource(userPoolId), null,
                new UserPoolEvents.PoolChanged(userPoolId, "consumer-test renamed"));

        KafkaTopics.publish(Topics.USER_POOL_EVENTS, userPoolId, EventJson.write(created));
        KafkaTopics.publish(Topics.USER_POOL_EVENTS, userPoolId, EventJson.write(created));
        // Same key, same partition: once the later event is applied, both copies of the first have been handled.
        KafkaTopics.publish(Topics.USER_POOL_EVENTS, userPoolId, EventJson.write(updated));

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(observedTypes(userPoolId))
                .containsExactly(UserPoolEvents.POOL_CREATED.name(), UserPoolEvents.POOL_UPDATED.name()));
        assertThat(Rows.count(dataSource, "SELECT 1 FROM observed_user_pool_events WHERE event_id = ?", created.id())).isEqualTo(1);
        assertThat(Rows.count(dataSource, "SELECT 1 FROM processed_events WHERE consumer = 'identity-pool-service' AND event_id = ?",
                created.id())).isEqualTo(1);
    }

    @Test
    void deadLettersAnUndecodableRecordAndGoesOn() {
        String userPoolId = newUserPoolId();
        String garbage = "{\"not\":\"a cloud event\",\"pool\":\"" + userPoolId + "\"}";
        CloudEvent deleted = CloudEvent.of(UserPoolEvents.POOL_DELETED, CloudEvent.userPoolSource(userPoolId), null,
                new UserPoolEvents.PoolChanged(userPoolId, "consumer-test"));

        KafkaTopics.publish(Topics.USER_POOL_EVENTS, userPoolId, garbage);
        KafkaTopics.publish(Topics.USER_POOL_EVENTS, userPoolId, "definitely not JSON " + userPoolId);
        KafkaTopics.publish(Topics.USER_POOL_EVENTS, userPoolId, EventJson.write(deleted));

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(observedTypes(userPoolId))
                .containsExactly(UserPoolEvents.POOL_DELETED.name()));
        List<ConsumerRecord<String, String>> deadLetters = KafkaTopics.read(Topics.deadLetter(Topics.USER_POOL_EVENTS),
                record -> userPoolId.equals(record.key()), 2, DELIVERY);
        assertThat(deadLetters).extracting(ConsumerRecord::value).containsExactly(garbage, "definitely not JSON " + userPoolId);
    }

    private List<String> observedTypes(String userPoolId) {
        return Rows.strings(dataSource, "SELECT type FROM observed_user_pool_events WHERE user_pool_id = ? ORDER BY received_at, event_id",
                userPoolId);
    }

    private static String newUserPoolId() {
        String alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder("us-east-1_");
        for (int i = 0; i < 9; i++) {
            id.append(alphanumeric.charAt(random.nextInt(alphanumeric.length())));
        }
        return id.toString();
    }
}
