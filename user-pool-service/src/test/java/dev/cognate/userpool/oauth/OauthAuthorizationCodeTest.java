package dev.cognate.userpool.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.userpool.token.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code grant_type=authorization_code}: what a redeemed code mints, verified as an OIDC client would. */
@QuarkusTest
class OauthAuthorizationCodeTest extends OauthFlowFixture {

    @Test
    void aPublicClientRedeemsItsCodeWithPkceForSignedIdAccessAndRefreshTokens() throws Exception {
        UserPoolClientType client = codeClient(false);
        var grant = grant(client, List.of("openid", "email", "api/read"), "n-0S6_WzA2Mj", CHALLENGE);
        Response response = redeem(client, issue(grant));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.header("Pragma")).isEqualTo("no-cache");
        JsonNode body = json(response);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.path("refresh_token").asText()).hasSizeGreaterThanOrEqualTo(43).doesNotContain(".");

        String issuer = discoveredIssuer();
        JwtClaims id = verified(body.path("id_token").asText());
        assertThat(id.getIssuer()).isEqualTo(issuer);
        assertThat(id.getAudience()).containsExactly(client.clientId());
        assertThat(id.getSubject()).isEqualTo(sub);
        assertThat(id.getStringClaimValue("token_use")).isEqualTo("id");
        assertThat(id.getStringClaimValue("nonce")).isEqualTo("n-0S6_WzA2Mj");
        assertThat(id.getClaimValue("auth_time", Long.class)).isEqualTo(grant.authTime());
        assertThat(id.getStringClaimValue("at_hash")).isEqualTo(TokenIssuer.atHash(body.path("access_token").asText()));
        assertThat(id.getStringClaimValue("cognito:username")).isEqualTo("alice");
        assertThat(id.getStringClaimValue("email")).isEqualTo("alice@example.com");

        JwtClaims access = verified(body.path("access_token").asText());
        assertThat(access.getIssuer()).isEqualTo(issuer);
        assertThat(access.getStringClaimValue("token_use")).isEqualTo("access");
        assertThat(access.getStringClaimValue("client_id")).isEqualTo(client.clientId());
        assertThat(access.getStringClaimValue("scope")).isEqualTo("openid email api/read");
        assertThat(access.getClaimValue("auth_time", Long.class)).isEqualTo(grant.authTime());
        assertThat(access.getStringClaimValue("origin_jti")).isEqualTo(id.getStringClaimValue("origin_jti"));
    }

    @Test
    void aConfidentialClientWithoutPkceRedeemsWithItsSecret() throws Exception {
        UserPoolClientType client = codeClient(true);
        String code = issue(grant(client, List.of("openid", "profile"), null, null));

        Response response = token(basic(client.clientId(), client.clientSecret()),
                "grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JwtClaims id = verified(json(response).path("id_token").asText());
        assertThat(id.hasClaim("nonce")).isFalse();
        assertThat(id.getAudience()).containsExactly(client.clientId());
    }

    @Test
    void withoutOpenidThereIsNoIdTokenAndTheAdminScopeOnlyWhenGranted() throws Exception {
        UserPoolClientType client = codeClient(false);
        JsonNode body = json(redeem(client, issue(grant(client, List.of("api/read", "api/write"), null, CHALLENGE))));

        assertThat(body.has("id_token")).isFalse();
        assertThat(verified(body.path("access_token").asText()).getStringClaimValue("scope")).isEqualTo("api/read api/write");
        JsonNode admin = json(redeem(client, issue(grant(client, List.of("openid", "aws.cognito.signin.user.admin"), null, CHALLENGE))));
        try (var anonymous = dev.cognate.userpool.CognitoIdpClients.anonymous(endpoint)) {
            // without aws.cognito.signin.user.admin the token cannot drive the user's self-service API
            assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(body.path("access_token").asText())))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Access Token does not have required scopes");
            assertThat(anonymous.getUser(r -> r.accessToken(admin.path("access_token").asText())).username()).isEqualTo("alice");
        }
    }

    @Test
    void scopesTheClientNoLongerAllowsAreNotGranted() throws Exception {
        UserPoolClientType client = codeClient(false);
        String code = issue(grant(client, List.of("openid", "email", "api/write"), null, CHALLENGE));
        cognito.updateUserPoolClient(r -> r.userPoolId(poolId).clientId(client.clientId()).allowedOAuthFlowsUserPoolClient(true)
                .allowedOAuthFlows(software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType.CODE)
                .allowedOAuthScopes("openid", "email").callbackURLs(CALLBACK));

        JsonNode body = json(redeem(client, code));

        assertThat(verified(body.path("access_token").asText()).getStringClaimValue("scope")).isEqualTo("openid email");
    }

    @Test
    void aDisabledOrDeletedUsersCodeIsAnInvalidGrant() {
        UserPoolClientType client = codeClient(false);
        String code = issue(grant(client, List.of("openid"), null, CHALLENGE));
        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("alice"));

        Response disabled = redeem(client, code);
        assertThat(disabled.statusCode()).isEqualTo(400);
        assertThat(json(disabled).path("error").asText()).isEqualTo("invalid_grant");

        cognito.adminEnableUser(r -> r.userPoolId(poolId).username("alice"));
        String another = issue(grant(client, List.of("openid"), null, CHALLENGE));
        cognito.adminDeleteUser(r -> r.userPoolId(poolId).username("alice"));
        assertThat(json(redeem(client, another)).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aClientWithoutTheCodeFlowIsAnUnauthorizedClient() {
        UserPoolClientType client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("api-only-" + unique()))
                .userPoolClient();
        String code = issue(grant(client, List.of("openid"), null, CHALLENGE));

        Response response = redeem(client, code);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("unauthorized_client");

        // the flows stay configured but OAuth is switched off for the client
        UserPoolClientType switchedOff = codeClient(false);
        cognito.updateUserPoolClient(r -> r.userPoolId(poolId).clientId(switchedOff.clientId()).allowedOAuthFlowsUserPoolClient(false)
                .allowedOAuthFlows(software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType.CODE)
                .allowedOAuthScopes("openid").callbackURLs(CALLBACK));
        Response off = redeem(switchedOff, issue(grant(switchedOff, List.of("openid"), null, CHALLENGE)));
        assertThat(json(off).path("error").asText()).isEqualTo("unauthorized_client");
    }
}
