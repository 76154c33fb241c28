package dev.cognate.userpool.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code grant_type=client_credentials}: machine-to-machine access tokens with custom scopes only. */
@QuarkusTest
class OauthClientCredentialsTest extends OauthFlowFixture {

    private static void assertError(Response response, String error) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo(error);
    }

    @Test
    void aMachineClientGetsAnAccessTokenForItsCustomScopes() throws Exception {
        UserPoolClientType client = machineClient("api/read", "api/write");

        Response response = token(basic(client.clientId(), client.clientSecret()), "grant_type", "client_credentials");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = json(response);
        assertThat(body.has("id_token")).isFalse();
        assertThat(body.has("refresh_token")).isFalse();
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(3600);
        JwtClaims access = verified(body.path("access_token").asText());
        assertThat(access.getSubject()).isEqualTo(client.clientId());
        assertThat(access.getStringClaimValue("client_id")).isEqualTo(client.clientId());
        assertThat(access.getStringClaimValue("token_use")).isEqualTo("access");
        assertThat(access.getStringClaimValue("scope")).isEqualTo("api/read api/write");
        assertThat(access.getClaimValue("version", Long.class)).isEqualTo(2L);
        assertThat(access.getJwtId()).isNotBlank();
        assertThat(access.hasClaim("auth_time")).isTrue();
        assertThat(access.hasClaim("username")).isFalse();
        // a machine's token is no user's: userInfo refuses it
        assertThat(RestAssured.given().auth().oauth2(body.path("access_token").asText()).get("/oauth2/userInfo").statusCode()).isEqualTo(401);
    }

    @Test
    void requestedScopesNarrowTheGrantAndMustBeAllowedCustomScopes() throws Exception {
        UserPoolClientType client = machineClient("api/read", "api/write");

        JsonNode narrowed = json(token(basic(client.clientId(), client.clientSecret()), "grant_type", "client_credentials",
                "scope", "api/write"));
        assertThat(verified(narrowed.path("access_token").asText()).getStringClaimValue("scope")).isEqualTo("api/write");

        assertError(token(basic(client.clientId(), client.clientSecret()), "grant_type", "client_credentials", "scope", "api/delete"),
                "invalid_scope");
        assertError(token(basic(client.clientId(), client.clientSecret()), "grant_type", "client_credentials", "scope", "openid"),
                "invalid_scope");
        assertError(token(basic(client.clientId(), client.clientSecret()), "grant_type", "client_credentials",
                "scope", "api/read <script>"), "invalid_scope");
    }

    @Test
    void onlyConfidentialClientsWithTheFlowMayUseIt() {
        UserPoolClientType codeOnly = codeClient(true);
        assertError(token(basic(codeOnly.clientId(), codeOnly.clientSecret()), "grant_type", "client_credentials"), "unauthorized_client");

        UserPoolClientType publicClient = codeClient(false);
        assertError(token("grant_type", "client_credentials", "client_id", publicClient.clientId()), "unauthorized_client");
    }

    @Test
    void aMachineClientCannotRedeemCodes() {
        UserPoolClientType client = machineClient("api/read");
        Response response = token(basic(client.clientId(), client.clientSecret()), "grant_type", "authorization_code",
                "code", "abc", "redirect_uri", CALLBACK);
        assertError(response, "unauthorized_client");
    }
}
