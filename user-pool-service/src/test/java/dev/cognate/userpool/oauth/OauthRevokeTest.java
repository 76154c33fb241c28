package dev.cognate.userpool.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /oauth2/revoke} (RFC 7009, Cognito's errors): a refresh token's family revoked, nothing told about other tokens. */
@QuarkusTest
class OauthRevokeTest extends OauthFlowFixture {

    private static Response revoke(RequestSpecification request, String... nameValuePairs) {
        return form(request, nameValuePairs).post("/oauth2/revoke");
    }

    private JsonNode tokens(UserPoolClientType client) {
        String code = issue(grant(client, List.of("openid"), null, client.clientSecret() == null ? CHALLENGE : null));
        Response response = client.clientSecret() == null ? redeem(client, code)
                : token(basic(client.clientId(), client.clientSecret()), "grant_type", "authorization_code", "code", code,
                "redirect_uri", CALLBACK);
        return json(response);
    }

    private Response refresh(UserPoolClientType client, String refreshToken) {
        RequestSpecification request = client.clientSecret() == null ? RestAssured.given() : basic(client.clientId(), client.clientSecret());
        return token(request, "grant_type", "refresh_token", "client_id", client.clientId(), "refresh_token", refreshToken);
    }

    @Test
    void revokingARefreshTokenRevokesItsFamily() {
        UserPoolClientType client = codeClient(true);
        JsonNode issued = tokens(client);

        Response response = revoke(basic(client.clientId(), client.clientSecret()), "token", issued.path("refresh_token").asText());

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.asString()).isEmpty();
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(json(refresh(client, issued.path("refresh_token").asText())).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(RestAssured.given().auth().oauth2(issued.path("access_token").asText()).get("/oauth2/userInfo").statusCode())
                .isEqualTo(401);
        // revoking again, or a token never issued: 200 and nothing to tell
        assertThat(revoke(basic(client.clientId(), client.clientSecret()), "token", issued.path("refresh_token").asText())
                .statusCode()).isEqualTo(200);
        assertThat(revoke(basic(client.clientId(), client.clientSecret()), "token", "never-issued").statusCode()).isEqualTo(200);
    }

    @Test
    void anotherClientsTokenIsAnsweredOkAndStaysValid() {
        UserPoolClientType owner = codeClient(false);
        UserPoolClientType other = codeClient(false);
        JsonNode issued = tokens(owner);

        assertThat(revoke(RestAssured.given(), "token", issued.path("refresh_token").asText(), "client_id", other.clientId())
                .statusCode()).isEqualTo(200);
        assertThat(refresh(owner, issued.path("refresh_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void theClientMustAuthenticateAsAtTheTokenEndpoint() {
        UserPoolClientType client = codeClient(true);
        JsonNode issued = tokens(client);

        Response wrong = revoke(basic(client.clientId(), "wrong-secret"), "token", issued.path("refresh_token").asText());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("error").asText()).isEqualTo("invalid_client");
        assertThat(wrong.header("WWW-Authenticate")).startsWith("Basic");
        Response missing = revoke(RestAssured.given(), "token", issued.path("refresh_token").asText(), "client_id", client.clientId());
        assertThat(json(missing).path("error").asText()).isEqualTo("invalid_client");
        assertThat(refresh(client, issued.path("refresh_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void cognitosErrorsForAMissingTokenAJwtAndADisabledFeature() {
        UserPoolClientType client = codeClient(false);
        JsonNode issued = tokens(client);

        Response noToken = revoke(RestAssured.given(), "client_id", client.clientId());
        assertThat(noToken.statusCode()).isEqualTo(400);
        assertThat(json(noToken).path("error").asText()).isEqualTo("invalid_request");

        Response jwt = revoke(RestAssured.given(), "token", issued.path("access_token").asText(), "client_id", client.clientId());
        assertThat(jwt.statusCode()).isEqualTo(400);
        assertThat(json(jwt).path("error").asText()).isEqualTo("unsupported_token_type");

        Response notForm = RestAssured.given().contentType("application/json").body("{}").post("/oauth2/revoke");
        assertThat(json(notForm).path("error").asText()).isEqualTo("invalid_request");

        UserPoolClientType noRevocation = codeClient(false, r -> r.enableTokenRevocation(false));
        JsonNode kept = tokens(noRevocation);
        Response disabled = revoke(RestAssured.given(), "token", kept.path("refresh_token").asText(), "client_id", noRevocation.clientId());
        assertThat(disabled.statusCode()).isEqualTo(400);
        assertThat(json(disabled).path("error").asText()).isEqualTo("invalid_request");
        assertThat(refresh(noRevocation, kept.path("refresh_token").asText()).statusCode()).isEqualTo(200);
    }
}
