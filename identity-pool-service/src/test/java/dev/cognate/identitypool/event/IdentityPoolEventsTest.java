package dev.cognate.identitypool.event;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventJson;
import dev.cognate.events.IdentityPoolEvents;
import dev.cognate.events.Topics;
import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.KafkaTopics;
import dev.cognate.identitypool.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** Each identity pool change writes exactly one event to the outbox, in its transaction, and the relay puts it on cognate.identity.events. */
@QuarkusTest
class IdentityPoolEventsTest {

    @TestHTTPResource("/")
    URL endpoint;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void publishesOneEventPerChangeToIdentityEventsTopic() {
        String name = "events-" + UUID.randomUUID().toString().substring(0, 8);
        String id;
        try (CognitoIdentityClient cognito = CognitoIdentityClients.operator(endpoint)) {
            id = cognito.createIdentityPool(r -> r.identityPoolName(name).allowUnauthenticatedIdentities(false)).identityPoolId();
            assertThat(outboxTypes(id)).containsExactly(IdentityPoolEvents.POOL_CREATED.name());

            cognito.updateIdentityPool(r -> r.identityPoolId(id).identityPoolName(name + " renamed").allowUnauthenticatedIdentities(true));
            assertThat(outboxTypes(id)).containsExactly(IdentityPoolEvents.POOL_CREATED.name(), IdentityPoolEvents.POOL_UPDATED.name());

            cognito.describeIdentityPool(r -> r.identityPoolId(id));
            cognito.listIdentityPools(r -> r.maxResults(5));
            cognito.deleteIdentityPool(r -> r.identityPoolId(id));
            assertThat(outboxTypes(id)).containsExactly(IdentityPoolEvents.POOL_CREATED.name(), IdentityPoolEvents.POOL_UPDATED.name(),
                    IdentityPoolEvents.POOL_DELETED.name());
        }

        List<ConsumerRecord<String, String>> records =
                KafkaTopics.read(Topics.IDENTITY_EVENTS, record -> id.equals(record.key()), 3, Duration.ofSeconds(60));

        assertThat(records).hasSize(3);
        List<CloudEvent> events = records.stream().map(record -> EventJson.read(record.value())).toList();
        assertThat(events).extracting(CloudEvent::type).containsExactly(IdentityPoolEvents.POOL_CREATED.name(),
                IdentityPoolEvents.POOL_UPDATED.name(), IdentityPoolEvents.POOL_DELETED.name());
        assertThat(events).extracting(CloudEvent::source).containsOnly(CloudEvent.identityPoolSource(id));
        assertThat(events).extracting(event -> event.dataAs(eventType(event)))
                .containsExactly(new IdentityPoolEvents.PoolChanged(id, name),
                        new IdentityPoolEvents.PoolChanged(id, name + " renamed"),
                        new IdentityPoolEvents.PoolChanged(id, name + " renamed"));
        assertThat(events).extracting(CloudEvent::id).doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                Rows.count(dataSource, "SELECT 1 FROM outbox WHERE message_key = ? AND sent_at IS NULL", id)).isZero());
    }

    @Test
    void refusedChangeWritesNoEvent() {
        String name = "events-refused-" + UUID.randomUUID().toString().substring(0, 8);
        try (CognitoIdentityClient cognito = CognitoIdentityClients.operator(endpoint)) {
            String id = cognito.createIdentityPool(r -> r.identityPoolName(name).allowUnauthenticatedIdentities(false)
                    .developerProviderName("login.example.app")).identityPoolId();

            catchThrowableOfType(InvalidParameterException.class, () -> cognito.updateIdentityPool(r -> r.identityPoolId(id)
                    .identityPoolName(name + " changed").allowUnauthenticatedIdentities(true).developerProviderName("login.other.app")));

            assertThat(outboxTypes(id)).containsExactly(IdentityPoolEvents.POOL_CREATED.name());
            assertThat(cognito.describeIdentityPool(r -> r.identityPoolId(id)).identityPoolName()).isEqualTo(name);
        }
    }

    private List<String> outboxTypes(String id) {
        return Rows.strings(dataSource, "SELECT payload::jsonb ->> 'type' FROM outbox WHERE message_key = ? AND topic = ? ORDER BY id",
                id, Topics.IDENTITY_EVENTS);
    }

    private static dev.cognate.events.EventType<IdentityPoolEvents.PoolChanged> eventType(CloudEvent event) {
        return List.of(IdentityPoolEvents.POOL_CREATED, IdentityPoolEvents.POOL_UPDATED, IdentityPoolEvents.POOL_DELETED).stream()
                .filter(type -> type.name().equals(event.type())).findFirst().orElseThrow();
    }
}
