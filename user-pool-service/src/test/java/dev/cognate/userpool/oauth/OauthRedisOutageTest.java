package dev.cognate.userpool.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.testkit.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Codes live in Redis: while it is down, redeeming one fails closed (no token, no stack trace); refreshes do not need it. */
@QuarkusTest
class OauthRedisOutageTest extends OauthFlowFixture {

    @Test
    void whileRedisIsDownCodesAreRefusedAndRefreshesStillWork() {
        UserPoolClientType client = codeClient(false);
        JsonNode earlier = json(redeem(client, issue(grant(client, List.of("openid"), null, CHALLENGE))));
        String code = issue(grant(client, List.of("openid"), null, CHALLENGE));

        TestInfrastructure.stopRedis();
        try {
            Response refused = redeem(client, code);
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(500);
            assertThat(json(refused).path("error").asText()).isEqualTo("server_error");
            assertThat(json(refused).has("access_token")).isFalse();
            assertThat(refused.asString()).doesNotContain("Exception").doesNotContain("at io.");
            assertThat(refused.header("Cache-Control")).isEqualTo("no-store");

            Response refreshed = token("grant_type", "refresh_token", "client_id", client.clientId(), "refresh_token",
                    earlier.path("refresh_token").asText());
            assertThat(refreshed.statusCode()).as(refreshed.asString()).isEqualTo(200);
        } finally {
            TestInfrastructure.startRedis();
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(redeem(client, issue(grant(client, List.of("openid"), null, CHALLENGE))).statusCode()).isEqualTo(200));
    }
}
