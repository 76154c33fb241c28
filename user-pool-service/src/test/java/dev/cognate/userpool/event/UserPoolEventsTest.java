package dev.cognate.userpool.event;

import dev.cognate.events.Topics;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.testkit.TestInfrastructure;
import dev.cognate.userpool.CognitoIdpClients;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pool changes reach cognate.userpool.events through the outbox, in order, and survive a broker outage. */
@QuarkusTest
class UserPoolEventsTest {

    @TestHTTPResource("/")
    URI endpoint;

    @Inject
    Pool db;

    @Test
    void publishesCreateUpdateDeleteInOrderKeyedByPool() {
        try (CognitoIdentityProviderClient cognito = CognitoIdpClients.operator(endpoint);
             TopicReader topic = new TopicReader(Topics.USER_POOL_EVENTS)) {
            String id = cognito.createUserPool(r -> r.poolName("events-" + System.nanoTime())).userPool().id();
            cognito.updateUserPool(r -> r.userPoolId(id).mfaConfiguration(UserPoolMfaType.OFF));
            cognito.deleteUserPool(r -> r.userPoolId(id));

            await().atMost(Duration.ofSeconds(20)).until(() -> topic.forPool(id).size() >= 3);
            List<TopicReader.Received> events = topic.forPool(id);
            assertThat(events).extracting(r -> r.event().type()).containsExactly(
                    UserPoolEvents.POOL_CREATED.name(), UserPoolEvents.POOL_UPDATED.name(), UserPoolEvents.POOL_DELETED.name());
            assertThat(events).allSatisfy(r -> {
                assertThat(r.key()).isEqualTo(id);
                assertThat(r.event().specversion()).isEqualTo("1.0");
                assertThat(r.event().source()).isEqualTo("/userpools/" + id);
                assertThat(r.event().time()).isNotNull();
            });
            assertThat(events.get(0).event().dataAs(UserPoolEvents.POOL_CREATED).userPoolId()).isEqualTo(id);
            await().atMost(Duration.ofSeconds(10)).until(() -> unsentOutboxRows(id) == 0);
        }
    }

    @Test
    void losesNoEventWhileTheBrokerIsDown() {
        List<String> created = new ArrayList<>();
        try (CognitoIdentityProviderClient cognito = CognitoIdpClients.operator(endpoint)) {
            TestInfrastructure.stopKafka();
            try {
                for (int i = 0; i < 5; i++) {
                    created.add(cognito.createUserPool(r -> r.poolName("outage-" + System.nanoTime())).userPool().id());
                }
                assertThat(created.stream().mapToLong(this::unsentOutboxRows).sum())
                        .as("committed with the pools, waiting in the outbox").isEqualTo(5);
                RestAssured.get("/q/health/ready").then().statusCode(503);
            } finally {
                TestInfrastructure.startKafka();
            }
        }
        try (TopicReader topic = new TopicReader(Topics.USER_POOL_EVENTS)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> created.stream().allMatch(id -> !topic.forPool(id).isEmpty()));
            for (String id : created) {
                // Delivery is at least once: a copy resent after a lost acknowledgement carries the same id,
                // so a consumer deduplicating by id (ProcessedEvents) applies each change exactly once.
                assertThat(topic.forPool(id)).as("events of " + id).isNotEmpty()
                        .allSatisfy(r -> assertThat(r.event().type()).isEqualTo(UserPoolEvents.POOL_CREATED.name()))
                        .extracting(r -> r.event().id()).containsOnly(topic.forPool(id).get(0).event().id());
            }
            Set<String> eventIds = created.stream().flatMap(id -> topic.forPool(id).stream())
                    .map(r -> r.event().id()).collect(Collectors.toSet());
            assertThat(eventIds).as("one event per created pool").hasSize(5);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.get("/q/health/ready").then().statusCode(200));
    }

    private long unsentOutboxRows(String poolId) {
        return db.preparedQuery("SELECT count(*) FROM outbox WHERE message_key = $1 AND sent_at IS NULL")
                .execute(Tuple.of(poolId)).await().indefinitely().iterator().next().getLong(0);
    }
}
