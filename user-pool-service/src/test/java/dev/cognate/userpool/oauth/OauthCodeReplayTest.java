package dev.cognate.userpool.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.userpool.compat.Race;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Codes are single-use (RFC 6749 §4.1.2): concurrent redemptions have one winner, and a replay revokes what the code issued. */
@QuarkusTest
class OauthCodeReplayTest extends OauthFlowFixture {

    @Test
    void aReplayedCodeRevokesTheTokensItIssued() {
        UserPoolClientType client = codeClient(false);
        String code = issue(grant(client, List.of("openid", "email"), null, CHALLENGE));
        JsonNode first = json(redeem(client, code));
        String access = first.path("access_token").asText();
        assertThat(RestAssured.given().auth().oauth2(access).get("/oauth2/userInfo").statusCode()).isEqualTo(200);

        Response replay = redeem(client, code);

        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(json(replay).path("error").asText()).isEqualTo("invalid_grant");
        Response refresh = token("grant_type", "refresh_token", "client_id", client.clientId(), "refresh_token",
                first.path("refresh_token").asText());
        assertThat(json(refresh).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(RestAssured.given().auth().oauth2(access).get("/oauth2/userInfo").statusCode()).isEqualTo(401);
    }

    @Test
    void fiftyConcurrentRedemptionsOfOneCodeHaveExactlyOneWinner() throws Exception {
        UserPoolClientType client = codeClient(false);
        String code = issue(grant(client, List.of("openid"), null, CHALLENGE));

        long winners = Race.run(50, i -> {
            Response response = redeem(client, code);
            assertThat(response.statusCode()).as(response.asString()).isIn(200, 400);
            if (response.statusCode() == 400) {
                assertThat(json(response).path("error").asText()).isEqualTo("invalid_grant");
            }
            return response.statusCode() == 200;
        });

        assertThat(winners).isEqualTo(1);
    }
}
