package dev.cognate.identitypool.api;

import dev.cognate.events.Topics;
import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.KafkaTopics;
import dev.cognate.testkit.TestInfrastructure;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;

import java.net.URL;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Readiness follows PostgreSQL, Redis and Kafka; liveness does not; and a change made while Kafka is
 * down reaches the topic once it is back (the outbox keeps it). Each test restarts what it stopped.
 */
@QuarkusTest
class InfrastructureOutageTest {

    private static final Duration PROBE = Duration.ofSeconds(90);

    @TestHTTPResource("/")
    URL endpoint;

    @AfterEach
    void restoreEverything() {
        TestInfrastructure.startPostgres();
        TestInfrastructure.startRedis();
        TestInfrastructure.startKafka();
        awaitReadiness(200, "UP");
    }

    @Test
    void isNotReadyWithoutRedis() {
        awaitReadiness(200, "UP");

        TestInfrastructure.stopRedis();

        awaitReadiness(503, "DOWN");
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void isNotReadyWithoutPostgres() {
        awaitReadiness(200, "UP");

        TestInfrastructure.stopPostgres();

        awaitReadiness(503, "DOWN");
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void isNotReadyWithoutKafkaAndDeliversWhatChangedMeanwhile() {
        awaitReadiness(200, "UP");

        TestInfrastructure.stopKafka();
        String name = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        String id;
        try (CognitoIdentityClient cognito = CognitoIdentityClients.operator(endpoint)) {
            id = cognito.createIdentityPool(r -> r.identityPoolName(name).allowUnauthenticatedIdentities(false)).identityPoolId();
        }

        awaitReadiness(503, "DOWN");
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

        TestInfrastructure.startKafka();

        assertThat(KafkaTopics.read(Topics.IDENTITY_EVENTS, record -> id.equals(record.key()), 1, PROBE)).hasSize(1);
    }

    private static void awaitReadiness(int status, String state) {
        await().atMost(PROBE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(status).body("status", equalTo(state)));
    }
}
