package dev.cognate.userpool.api;

import dev.cognate.testkit.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Readiness follows PostgreSQL, Redis and Kafka; liveness does not; metrics are Prometheus text. */
@QuarkusTest
class HealthAndMetricsTest {

    @Test
    void readyWhenDatabaseRedisAndKafkaAreReachable() {
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void notReadyWhileRedisIsDownAndReadyAgainAfter() {
        TestInfrastructure.stopRedis();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    RestAssured.get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN")));
            RestAssured.get("/q/health/live").then().statusCode(200);
        } finally {
            TestInfrastructure.startRedis();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void notReadyWhilePostgresIsDownAndReadyAgainAfter() {
        TestInfrastructure.stopPostgres();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    RestAssured.get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN")));
        } finally {
            TestInfrastructure.startPostgres();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void exposesPrometheusMetrics() {
        RestAssured.get("/q/metrics").then().statusCode(200).body(containsString("# TYPE jvm_memory_used_bytes"));
    }
}
