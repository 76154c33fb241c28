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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(FakeUserPool.class)
class HealthAndMetricsTest {

    @Test
    void isLiveAndReadyWithEveryDependencyChecked() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(
                        "Reactive PostgreSQL connections health check",
                        "Database connections health check",
                        "Redis connection health check",
                        "Kafka connection health check"));
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
