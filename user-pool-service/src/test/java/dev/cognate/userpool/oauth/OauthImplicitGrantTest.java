package dev.cognate.userpool.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.events.oauth.AuthorizationCode;
import dev.cognate.userpool.api.HostedUiApi;
import dev.cognate.userpool.token.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The implicit flow's internal endpoint {@code POST /internal/v1/hosted-ui/clients/{clientId}/implicit-tokens}: a grant
 * written to Redis as hosted-ui-service writes it after a sign-in, taken once, its tokens verified as an OIDC client
 * would — and never a refresh token.
 */
@QuarkusTest
class OauthImplicitGrantTest extends OauthFlowFixture {

    private static final String NONCE = "n-0S6_WzA2Mj";

    private UserPoolClientType implicitClient() {
        return codeClient(false, r -> r.allowedOAuthFlows(OAuthFlowType.IMPLICIT));
    }

    private static Response implicitTokens(UserPoolClientType client, String code) {
        return HostedUiApi.post(client.clientId(), "implicit-tokens", Map.of("code", code));
    }

    /** Cognito's error shape: 400 NotAuthorizedException with {@code message}. */
    private static void assertNotAuthorized(Response response, String message) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(response.header("x-amzn-ErrorType")).isEqualTo("NotAuthorizedException");
        assertThat(json(response).path("__type").asText()).isEqualTo("NotAuthorizedException");
        assertThat(json(response).path("message").asText()).isEqualTo(message);
    }

    @Test
    void aSignedInGrantOfAnImplicitClientMintsSignedIdAndAccessTokensWithNonceAndAtHashButNoRefreshToken() throws Exception {
        UserPoolClientType client = implicitClient();
        AuthorizationCode grant = grant(client, List.of("openid", "email", "api/read"), NONCE, null);
        String code = issue(grant);

        Response response = implicitTokens(client, code);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.has("refresh_token")).isFalse();
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(3600);
        String accessToken = body.path("access_token").asText();

        JwtClaims id = verified(body.path("id_token").asText());
        assertThat(id.getAudience()).containsExactly(client.clientId());
        assertThat(id.getSubject()).isEqualTo(sub);
        assertThat(id.getStringClaimValue("token_use")).isEqualTo("id");
        assertThat(id.getStringClaimValue("nonce")).isEqualTo(NONCE);
        assertThat(id.getStringClaimValue("at_hash")).isEqualTo(TokenIssuer.atHash(accessToken));
        assertThat(id.getClaimValue("auth_time", Long.class)).isEqualTo(grant.authTime());
        assertThat(id.getStringClaimValue("email")).isEqualTo("alice@example.com");

        JwtClaims access = verified(accessToken);
        assertThat(access.getStringClaimValue("token_use")).isEqualTo("access");
        assertThat(access.getStringClaimValue("client_id")).isEqualTo(client.clientId());
        assertThat(access.getStringClaimValue("scope")).isEqualTo("openid email api/read");
        assertThat(access.getStringClaimValue("username")).isEqualTo("alice");
        // the access token is a real one: userInfo answers for it
        Response userInfo = RestAssured.given().auth().oauth2(accessToken).get("/oauth2/userInfo");
        assertThat(userInfo.statusCode()).as(userInfo.asString()).isEqualTo(200);
        assertThat(json(userInfo).path("sub").asText()).isEqualTo(sub);
        // the code was taken: nothing is left in Redis
        assertThat(redis.key().exists(AuthorizationCode.redisKey(code))).isFalse();
    }

    @Test
    void withoutOpenidThereIsOnlyAnAccessToken() throws Exception {
        UserPoolClientType client = implicitClient();

        JsonNode body = json(implicitTokens(client, issue(grant(client, List.of("api/read"), null, null))));

        assertThat(body.has("id_token")).isFalse();
        assertThat(body.has("refresh_token")).isFalse();
        assertThat(verified(body.path("access_token").asText()).getStringClaimValue("scope")).isEqualTo("api/read");
    }

    @Test
    void aCodeIsTakenOnceSoAReuseIsRefused() {
        UserPoolClientType client = implicitClient();
        String code = issue(grant(client, List.of("openid"), NONCE, null));
        assertThat(implicitTokens(client, code).statusCode()).isEqualTo(200);

        assertNotAuthorized(implicitTokens(client, code), "The authorization code is invalid, expired or already used.");
    }

    @Test
    void aClientWithoutTheImplicitFlowIsRefused() {
        UserPoolClientType codeOnly = codeClient(false);
        String code = issue(grant(codeOnly, List.of("openid"), NONCE, null));

        assertNotAuthorized(implicitTokens(codeOnly, code), "The client is not allowed the implicit grant.");
    }

    @Test
    void anotherClientsCodeIsRefusedAndConsumed() {
        UserPoolClientType owner = implicitClient();
        UserPoolClientType other = implicitClient();
        String code = issue(grant(owner, List.of("openid"), NONCE, null));

        assertNotAuthorized(implicitTokens(other, code), "The authorization code was issued to another client.");
        // refused after it was taken: the code is gone for its own client too
        assertNotAuthorized(implicitTokens(owner, code), "The authorization code is invalid, expired or already used.");
    }

    @Test
    void aCodeOfTheCodeFlowWithAPkceChallengeIsNotRedeemedHere() {
        UserPoolClientType client = codeClient(false, r -> r.allowedOAuthFlows(OAuthFlowType.CODE, OAuthFlowType.IMPLICIT));

        assertNotAuthorized(implicitTokens(client, issue(grant(client, List.of("openid"), NONCE, CHALLENGE))),
                "A code with a code_challenge is redeemed at the token endpoint.");
    }

    @Test
    void anExpiredGrantOrADisabledUserGetsNoTokens() {
        UserPoolClientType client = implicitClient();
        long old = Instant.now().getEpochSecond() - 301;
        AuthorizationCode expired = new AuthorizationCode(poolId, client.clientId(), sub, "alice", List.of("openid"), CALLBACK,
                NONCE, null, null, old, old, "session-1");
        assertNotAuthorized(implicitTokens(client, issue(expired)), "The authorization code is invalid, expired or already used.");

        String code = issue(grant(client, List.of("openid"), NONCE, null));
        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("alice"));
        assertNotAuthorized(implicitTokens(client, code), "The user of the authorization code cannot sign in.");
    }

    @Test
    void badRequestsGetTheInternalApisErrors() {
        UserPoolClientType client = implicitClient();

        Response unknownClient = HostedUiApi.post("nosuchclient0000000000000a", "implicit-tokens", Map.of("code", "abc"));
        assertThat(unknownClient.statusCode()).isEqualTo(404);
        assertThat(json(unknownClient).path("__type").asText()).isEqualTo("ResourceNotFoundException");

        Response noCode = HostedUiApi.postRaw(client.clientId(), "implicit-tokens", "{}");
        assertThat(noCode.statusCode()).isEqualTo(400);
        assertThat(json(noCode).path("__type").asText()).isEqualTo("InvalidParameterException");

        Response notJson = HostedUiApi.postRaw(client.clientId(), "implicit-tokens", "{\"code\":");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).path("__type").asText()).isEqualTo("InvalidParameterException");

        assertNotAuthorized(implicitTokens(client, "x".repeat(1024)), "The authorization code is invalid, expired or already used.");
    }
}
