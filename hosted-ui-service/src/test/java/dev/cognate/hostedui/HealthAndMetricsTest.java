package dev.cognate.hostedui;

import dev.cognate.hostedui.support.FakeUserPool;
import dev.cognate.testkit.TestInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(FakeUserPool.class)
class HealthAndMetricsTest {

    @Test
    void isLiveAndReadyWithRedisItsOnlyInfrastructureChecked() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Redis connection health check"))
                .body("checks.name", not(hasItem(containsStringIgnoringCase("PostgreSQL"))))
                .body("checks.name", not(hasItem(containsStringIgnoringCase("Database"))))
                .body("checks.name", not(hasItem(containsStringIgnoringCase("Kafka"))));
    }

    @Test
    void staysReadyWhileKafkaAndPostgresAreDownForItUsesNeither() throws InterruptedException {
        TestInfrastructure.stopKafka();
        TestInfrastructure.stopPostgres();
        try {
            // Long enough for a connection health check to notice a dead server (the Redis test below sees its
            // outage within seconds); readiness must stay UP the whole time.
            long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < until) {
                given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
                given().when().get("/login?client_id=x").then().statusCode(400);
                Thread.sleep(250);
            }
        } finally {
            TestInfrastructure.startPostgres();
            TestInfrastructure.startKafka();
        }
    }

    @Test
    void isNotReadyWhileRedisIsDownButStaysLive() {
        TestInfrastructure.stopRedis();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN")));
            given().when().get("/q/health/live").then().statusCode(200);
        } finally {
            TestInfrastructure.startRedis();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get("/login?client_id=x").then().statusCode(400);
        given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("http_server_requests_seconds_count{"));
    }
}
