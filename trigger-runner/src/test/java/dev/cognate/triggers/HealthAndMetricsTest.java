package dev.cognate.triggers;

import dev.cognate.testkit.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class HealthAndMetricsTest {

    @Test
    void isLiveAndReadyWithEveryDependencyChecked() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.name", hasItems(
                                "Reactive PostgreSQL connections health check",
                                "Database connections health check",
                                "Redis connection health check",
                                "Kafka connection health check",
                                "SmallRye Reactive Messaging - readiness check")));
    }

    @Test
    void isNotReadyWhileRedisIsDownAndReadyAgainAfterItsRestart() {
        TestInfrastructure.stopRedis();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    given().when().get("/q/health/ready").then().statusCode(503)
                            .body("status", equalTo("DOWN"))
                            .body("checks.find { it.name == 'Redis connection health check' }.status", equalTo("DOWN")));
            given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            TestInfrastructure.startRedis();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("# TYPE kafka_consumer_"));
    }
}
