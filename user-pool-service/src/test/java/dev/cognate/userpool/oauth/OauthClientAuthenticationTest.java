package dev.cognate.userpool.oauth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client authentication at {@code /oauth2/token} (RFC 6749 §2.3): client_secret_basic, client_secret_post, or the
 * client_id alone for a public client; every failure {@code invalid_client} (401).
 */
@QuarkusTest
class OauthClientAuthenticationTest extends OauthFlowFixture {

    private static void assertInvalidClient(Response response, boolean basicChallenge) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(401);
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_client");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        if (basicChallenge) {
            assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
        } else {
            assertThat(response.header("WWW-Authenticate")).isNull();
        }
    }

    private Response redeemConfidential(io.restassured.specification.RequestSpecification request, UserPoolClientType client,
                                        String... extra) {
        String code = issue(grant(client, List.of("openid"), null, null));
        String[] base = {"grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra)).toArray(String[]::new);
        return token(request, all);
    }

    /** AddUserPoolClientSecret (newer than this SDK version): a second secret, {@code value} or a generated one. */
    private String addSecret(UserPoolClientType client, String value) {
        String body = "{\"UserPoolId\":\"" + poolId + "\",\"ClientId\":\"" + client.clientId() + "\""
                + (value == null ? "" : ",\"ClientSecret\":\"" + value + "\"") + "}";
        Response added = dev.cognate.userpool.SignedJson.call(endpoint, "AddUserPoolClientSecret", body);
        assertThat(added.statusCode()).as(added.asString()).isEqualTo(200);
        return value == null ? added.jsonPath().getString("ClientSecretDescriptor.ClientSecretValue") : value;
    }

    @Test
    void aConfidentialClientAuthenticatesWithBasicOrInTheBody() {
        UserPoolClientType client = codeClient(true);

        assertThat(redeemConfidential(basic(client.clientId(), client.clientSecret()), client).statusCode()).isEqualTo(200);
        assertThat(redeemConfidential(RestAssured.given(), client, "client_id", client.clientId(), "client_secret", client.clientSecret())
                .statusCode()).isEqualTo(200);
        // Basic with the client_id repeated in the body is fine
        assertThat(redeemConfidential(basic(client.clientId(), client.clientSecret()), client, "client_id", client.clientId())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void eitherOfTwoRotatingSecretsAuthenticates() {
        UserPoolClientType client = codeClient(true);
        String second = addSecret(client, null);

        assertThat(redeemConfidential(basic(client.clientId(), second), client).statusCode()).isEqualTo(200);
        assertThat(redeemConfidential(basic(client.clientId(), client.clientSecret()), client).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongSecretIsRefusedWithABasicChallengeWhenBasicWasUsed() {
        UserPoolClientType client = codeClient(true);

        assertInvalidClient(redeemConfidential(basic(client.clientId(), client.clientSecret() + "x"), client), true);
        assertInvalidClient(redeemConfidential(RestAssured.given(), client, "client_id", client.clientId(), "client_secret", "wrong"), false);
    }

    @Test
    void aConfidentialClientThatSendsNoSecretIsRefused() {
        UserPoolClientType client = codeClient(true);
        assertInvalidClient(redeemConfidential(RestAssured.given(), client, "client_id", client.clientId()), false);
        assertInvalidClient(redeemConfidential(RestAssured.given(), client), false);
    }

    @Test
    void anUnknownClientOrMalformedBasicCredentialsAreRefused() {
        UserPoolClientType client = codeClient(true);
        assertInvalidClient(token(basic("nosuchclient00000000000000", "secret"), "grant_type", "client_credentials"), true);
        assertInvalidClient(token(RestAssured.given().header("Authorization", "Basic !!!not-base64"), "grant_type", "client_credentials"), true);
        assertInvalidClient(token(RestAssured.given().header("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString(client.clientId().getBytes())), "grant_type", "client_credentials"), true);
        assertInvalidClient(token(RestAssured.given().header("Authorization", "Bearer abc"), "grant_type", "client_credentials"), true);
    }

    @Test
    void usingBasicAndClientSecretPostTogetherIsAnInvalidRequest() {
        UserPoolClientType client = codeClient(true);
        Response response = redeemConfidential(basic(client.clientId(), client.clientSecret()), client,
                "client_id", client.clientId(), "client_secret", client.clientSecret());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_request");

        Response mismatch = redeemConfidential(basic(client.clientId(), client.clientSecret()), client, "client_id", "someotherclient");
        assertThat(json(mismatch).path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void aPublicClientSendsItsIdAloneAndASecretItDoesNotHaveIsRefused() {
        UserPoolClientType client = codeClient(false);
        String code = issue(grant(client, List.of("openid"), null, CHALLENGE));
        assertInvalidClient(token("grant_type", "authorization_code", "client_id", client.clientId(), "client_secret", "guess",
                "code", code, "redirect_uri", CALLBACK, "code_verifier", VERIFIER), false);

        // Basic with an empty secret claims nothing: a public client may authenticate that way
        String another = issue(grant(client, List.of("openid"), null, CHALLENGE));
        assertThat(token(basic(client.clientId(), ""), "grant_type", "authorization_code", "code", another, "redirect_uri", CALLBACK,
                "code_verifier", VERIFIER).statusCode()).isEqualTo(200);
    }

    @Test
    void basicCredentialsAreFormUrlDecodedAsRfc6749Requires() {
        UserPoolClientType client = codeClient(true);
        String second = "with+plus+signs+0123456789abcdef";
        addSecret(client, second);

        // basic() form-urlencodes: '+' travels as %2B; sent raw it would decode to a space and not match
        assertThat(redeemConfidential(basic(client.clientId(), second), client).statusCode()).isEqualTo(200);
        String raw = client.clientId() + ":" + second;
        assertInvalidClient(redeemConfidential(RestAssured.given().header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString(raw.getBytes())), client), true);
    }
}
