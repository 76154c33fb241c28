package dev.cognate.userpool.oauth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a code must satisfy to be redeemed: PKCE (RFC 7636, and no downgrade: RFC 9700 §2.1.1), the exact
 * {@code redirect_uri}, the client it was issued to, its lifetime. Each refusal is {@code invalid_grant} (400) and
 * consumes the code.
 */
@QuarkusTest
class OauthCodeValidationTest extends OauthFlowFixture {

    private static void assertInvalidGrant(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(json(response).path("error_description").asText()).isNotBlank();
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    private Response redeemWith(UserPoolClientType client, String code, String redirectUri, String verifier) {
        return verifier == null
                ? token("grant_type", "authorization_code", "client_id", client.clientId(), "code", code, "redirect_uri", redirectUri)
                : token("grant_type", "authorization_code", "client_id", client.clientId(), "code", code, "redirect_uri", redirectUri,
                "code_verifier", verifier);
    }

    @Test
    void aWrongVerifierIsRefusedAndBurnsTheCode() {
        UserPoolClientType client = codeClient(false);
        String code = issue(grant(client, List.of("openid"), null, CHALLENGE));

        assertInvalidGrant(redeemWith(client, code, CALLBACK, "x".repeat(43)));
        // the right verifier comes too late: the code was used
        assertInvalidGrant(redeemWith(client, code, CALLBACK, VERIFIER));
    }

    @Test
    void aMissingVerifierIsRefusedWhenTheCodeHasAChallenge() {
        UserPoolClientType client = codeClient(false);
        assertInvalidGrant(redeemWith(client, issue(grant(client, List.of("openid"), null, CHALLENGE)), CALLBACK, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"short-verifier", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk+", "dBjftJeZ4CVP mB92K27uhbUJU1p1r_wW1gFWFOEjXk"})
    void aVerifierOutsideRfc7636sSyntaxIsRefused(String verifier) {
        UserPoolClientType client = codeClient(false);
        // a challenge computed from the malformed verifier: only the syntax check can refuse it
        String code = issue(grant(client, List.of("openid"), null, Pkce.s256(verifier)));
        assertInvalidGrant(redeemWith(client, code, CALLBACK, verifier));
    }

    @Test
    void aVerifierForACodeWithoutChallengeIsADowngradeAndRefused() {
        UserPoolClientType client = codeClient(true);
        String code = issue(grant(client, List.of("openid"), null, null));

        assertInvalidGrant(token(basic(client.clientId(), client.clientSecret()), "grant_type", "authorization_code", "code", code,
                "redirect_uri", CALLBACK, "code_verifier", VERIFIER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/callback/", "https://APP.example.com/callback", "https://app.example.com/Callback",
            "https://app.example.com/callback?x=1", "https://app.example.com:443/callback", "http://app.example.com/callback"})
    void aRedirectUriThatOnlyLooksLikeTheAuthorizationRequestsIsRefused(String lookAlike) {
        UserPoolClientType client = codeClient(false);
        assertInvalidGrant(redeemWith(client, issue(grant(client, List.of("openid"), null, CHALLENGE)), lookAlike, VERIFIER));
    }

    @Test
    void aCodeIssuedToAnotherClientIsRefused() {
        UserPoolClientType issuedTo = codeClient(false);
        UserPoolClientType other = codeClient(false);
        String code = issue(grant(issuedTo, List.of("openid"), null, CHALLENGE));

        assertInvalidGrant(redeemWith(other, code, CALLBACK, VERIFIER));
        assertInvalidGrant(redeemWith(issuedTo, code, CALLBACK, VERIFIER));
    }

    @Test
    void anExpiredOrUnknownCodeIsRefused() {
        UserPoolClientType client = codeClient(false);
        String code = issue(grant(client, List.of("openid"), null, CHALLENGE), 1);
        await().atMost(java.time.Duration.ofSeconds(5)).until(() -> redis.key().exists(dev.cognate.events.oauth.AuthorizationCode.redisKey(code)) == false);

        assertInvalidGrant(redeemWith(client, code, CALLBACK, VERIFIER));
        assertInvalidGrant(redeemWith(client, "never-issued", CALLBACK, VERIFIER));
        assertInvalidGrant(redeemWith(client, "x".repeat(5000), CALLBACK, VERIFIER));
    }

    @Test
    void anUnreadableGrantInRedisIsAnInvalidGrantNotAServerError() {
        UserPoolClientType client = codeClient(false);
        String code = dev.cognate.events.oauth.AuthorizationCode.newCode();
        redis.value(String.class).setex(dev.cognate.events.oauth.AuthorizationCode.redisKey(code), 60, "{not json");
        assertInvalidGrant(redeemWith(client, code, CALLBACK, VERIFIER));

        String noSub = dev.cognate.events.oauth.AuthorizationCode.newCode();
        var grant = grant(client, List.of("openid"), null, CHALLENGE);
        redis.value(String.class).setex(dev.cognate.events.oauth.AuthorizationCode.redisKey(noSub), 60,
                new dev.cognate.events.oauth.AuthorizationCode(grant.userPoolId(), grant.clientId(), "not-a-uuid", "alice", grant.scopes(),
                        CALLBACK, null, CHALLENGE, "S256", grant.authTime(), grant.issuedAt(), null).toJson());
        assertInvalidGrant(redeemWith(client, noSub, CALLBACK, VERIFIER));
    }

    @Test
    void missingCodeOrRedirectUriIsAnInvalidRequest() {
        UserPoolClientType client = codeClient(false);
        Response noCode = token("grant_type", "authorization_code", "client_id", client.clientId(), "redirect_uri", CALLBACK);
        assertThat(noCode.statusCode()).isEqualTo(400);
        assertThat(json(noCode).path("error").asText()).isEqualTo("invalid_request");

        Response noRedirect = token("grant_type", "authorization_code", "client_id", client.clientId(), "code", "abc");
        assertThat(json(noRedirect).path("error").asText()).isEqualTo("invalid_request");
    }
}
