package dev.cognate.userpool.oauth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed token requests get RFC 6749 §5.2's {@code invalid_request} or {@code unsupported_grant_type}, never a 500; and CORS. */
@QuarkusTest
class OauthTokenRequestTest extends OauthFlowFixture {

    private static void assertError(Response response, int status, String error) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(json(response).path("error").asText()).isEqualTo(error);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.header("Pragma")).isEqualTo("no-cache");
    }

    @Test
    void aBodyThatIsNotAFormIsAnInvalidRequest() {
        UserPoolClientType client = codeClient(false);
        assertError(RestAssured.given().contentType("application/json")
                .body("{\"grant_type\":\"authorization_code\",\"client_id\":\"" + client.clientId() + "\"}").post("/oauth2/token"), 400,
                "invalid_request");
        assertError(RestAssured.given().post("/oauth2/token"), 400, "invalid_request");
        assertError(RestAssured.given().contentType("application/x-www-form-urlencoded").body("grant_type=%zz").post("/oauth2/token"),
                400, "invalid_request");
        assertError(RestAssured.given().contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&x=" + "a".repeat(70_000)).post("/oauth2/token"), 400, "invalid_request");
    }

    @Test
    void aParameterSentTwiceIsAnInvalidRequest() {
        UserPoolClientType client = codeClient(false);
        String code = issue(grant(client, List.of("openid"), null, CHALLENGE));
        assertError(token("grant_type", "authorization_code", "client_id", client.clientId(), "code", code, "code", code,
                "redirect_uri", CALLBACK, "code_verifier", VERIFIER), 400, "invalid_request");
        assertError(token("grant_type", "authorization_code", "grant_type", "refresh_token", "client_id", client.clientId()), 400,
                "invalid_request");
        // the refused request did not touch the code
        assertThat(redeem(client, code).statusCode()).isEqualTo(200);
    }

    @Test
    void aMissingOrUnknownGrantType() {
        UserPoolClientType client = codeClient(false);
        assertError(token("client_id", client.clientId()), 400, "invalid_request");
        assertError(token("grant_type", "password", "client_id", client.clientId(), "username", "alice", "password", PASSWORD), 400,
                "unsupported_grant_type");
        assertError(token("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "client_id", client.clientId()), 400,
                "unsupported_grant_type");
    }

    @Test
    void getIsNotTheTokenEndpointsMethod() {
        assertThat(RestAssured.get("/oauth2/token").statusCode()).isEqualTo(405);
    }

    @Test
    void singlePageAppsMayCallTheOauthEndpointsFromAnyOrigin() {
        Response preflight = RestAssured.given().header("Origin", "https://spa.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,authorization")
                .options("/oauth2/token");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("authorization").contains("content-type");
        assertThat(RestAssured.given().header("Origin", "https://spa.example.com").options("/oauth2/userInfo")
                .header("Access-Control-Allow-Methods")).contains("GET");

        UserPoolClientType client = codeClient(false);
        Response redeemed = RestAssured.given().header("Origin", "https://spa.example.com").contentType("application/x-www-form-urlencoded")
                .body("grant_type=authorization_code&client_id=" + client.clientId() + "&code="
                        + issue(grant(client, List.of("openid"), null, CHALLENGE)) + "&redirect_uri=" + encode(CALLBACK)
                        + "&code_verifier=" + VERIFIER)
                .post("/oauth2/token");
        assertThat(redeemed.statusCode()).isEqualTo(200);
        assertThat(redeemed.header("Access-Control-Allow-Origin")).isEqualTo("*");
        Response refused = token(RestAssured.given().header("Origin", "https://spa.example.com"), "grant_type", "nope",
                "client_id", client.clientId());
        assertThat(refused.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }
}
