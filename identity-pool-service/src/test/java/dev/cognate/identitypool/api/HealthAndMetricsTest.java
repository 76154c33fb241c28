package dev.cognate.identitypool.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The probes Kubernetes uses and the metrics Prometheus scrapes. */
@QuarkusTest
class HealthAndMetricsTest {

    @Test
    void isLive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void isReadyWithPostgresRedisAndKafkaChecks() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));

        JsonPath ready = given().when().get("/q/health/ready").then().extract().jsonPath();
        List<String> checks = ready.getList("checks.name");
        assertThat(checks).anySatisfy(check -> assertThat(check).containsIgnoringCase("PostgreSQL"));
        assertThat(checks).anySatisfy(check -> assertThat(check).containsIgnoringCase("Redis"));
        assertThat(checks).anySatisfy(check -> assertThat(check).containsIgnoringCase("Kafka"));
    }

    @Test
    void exposesPrometheusMetricsIncludingApiCalls() {
        OperatorAuthenticationTest.rawJson().header("X-Amz-Target", "AWSCognitoIdentityService.ListIdentityPools")
                .body("{\"MaxResults\":1}").when().post("/").then().statusCode(403);

        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds"));
    }
}
