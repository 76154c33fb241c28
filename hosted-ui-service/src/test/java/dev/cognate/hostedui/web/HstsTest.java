package dev.cognate.hostedui.web;

import dev.cognate.hostedui.support.FakeUserPool;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(FakeUserPool.class)
@TestProfile(HstsTest.ServedOverHttps.class)
class HstsTest {

    public static class ServedOverHttps implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cognate.pages.hsts.enabled", "true", "cognate.pages.hsts.max-age", "P30D");
        }
    }

    @Test
    void sendsHstsWhenEnabled() {
        given().when().get("/login?client_id=x")
                .then().statusCode(400)
                .header("Strict-Transport-Security", equalTo("max-age=2592000; includeSubDomains"));
    }
}
