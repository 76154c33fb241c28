package dev.cognate.hostedui.web;

import dev.cognate.hostedui.support.ClosedPort;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@TestProfile(UserPoolUnreachableTest.UserPoolDown.class)
class UserPoolUnreachableTest {

    public static class UserPoolDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String closed = "http://127.0.0.1:" + ClosedPort.find();
            return Map.of("quarkus.rest-client.user-pool.url", closed, "quarkus.rest-client.user-pool-internal.url", closed);
        }
    }

    @Test
    void showsServiceUnavailableWith503AndNoStackTrace() {
        for (String path : new String[] {"/login?client_id=someclient", "/oauth2/authorize?client_id=someclient"}) {
            String body = given().when().get(path)
                    .then().statusCode(503)
                    .header("Cache-Control", "no-store")
                    .extract().body().asString();

            assertThat(body).as(path)
                    .contains("An error was encountered with the requested page.")
                    .contains("The sign-in service is temporarily unavailable. Please try again in a moment.")
                    .doesNotContain("Exception")
                    .doesNotContain("Connection refused")
                    .doesNotContain("127.0.0.1");
        }
    }

    @Test
    void stillRejectsAMissingClientIdWithoutAskingUserPoolService() {
        given().when().get("/login").then().statusCode(400);
    }
}
