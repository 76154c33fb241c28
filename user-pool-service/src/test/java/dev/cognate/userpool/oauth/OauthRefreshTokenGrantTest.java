package dev.cognate.userpool.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code grant_type=refresh_token}: the API's refresh machinery behind the OAuth endpoint, scopes carried over. */
@QuarkusTest
class OauthRefreshTokenGrantTest extends OauthFlowFixture {

    private Response refresh(UserPoolClientType client, String refreshToken) {
        return token("grant_type", "refresh_token", "client_id", client.clientId(), "refresh_token", refreshToken);
    }

    private static void assertInvalidGrant(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void refreshingKeepsTheGrantedScopesAndAuthTimeWithoutANewRefreshToken() throws Exception {
        UserPoolClientType client = codeClient(false);
        var grant = grant(client, List.of("openid", "email"), "nonce-1", CHALLENGE);
        JsonNode first = json(redeem(client, issue(grant)));

        Response response = refresh(client, first.path("refresh_token").asText());

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = json(response);
        assertThat(body.has("refresh_token")).isFalse();
        JwtClaims access = verified(body.path("access_token").asText());
        assertThat(access.getStringClaimValue("scope")).isEqualTo("openid email");
        assertThat(access.getClaimValue("auth_time", Long.class)).isEqualTo(grant.authTime());
        JwtClaims id = verified(body.path("id_token").asText());
        assertThat(id.hasClaim("nonce")).isFalse();
        assertThat(id.getAudience()).containsExactly(client.clientId());
        // a scope parameter does not narrow a refresh (Cognito ignores it)
        JsonNode narrowed = json(token("grant_type", "refresh_token", "client_id", client.clientId(), "refresh_token",
                first.path("refresh_token").asText(), "scope", "openid"));
        assertThat(verified(narrowed.path("access_token").asText()).getStringClaimValue("scope")).isEqualTo("openid email");
    }

    @Test
    void withoutOpenidARefreshAnswersNoIdToken() throws Exception {
        UserPoolClientType client = codeClient(false);
        JsonNode first = json(redeem(client, issue(grant(client, List.of("api/read"), null, CHALLENGE))));
        JsonNode body = json(refresh(client, first.path("refresh_token").asText()));
        assertThat(body.has("id_token")).isFalse();
        assertThat(verified(body.path("access_token").asText()).getStringClaimValue("scope")).isEqualTo("api/read");
    }

    @Test
    void withRotationEachRefreshAnswersANewTokenAndReuseRevokesTheFamily() {
        UserPoolClientType client = codeClient(false, r -> r.refreshTokenRotation(rotation -> rotation.feature("ENABLED")));
        JsonNode first = json(redeem(client, issue(grant(client, List.of("openid"), null, CHALLENGE))));

        JsonNode second = json(refresh(client, first.path("refresh_token").asText()));
        String rotated = second.path("refresh_token").asText();
        assertThat(rotated).isNotBlank().isNotEqualTo(first.path("refresh_token").asText());

        assertInvalidGrant(refresh(client, first.path("refresh_token").asText()));
        assertInvalidGrant(refresh(client, rotated));
    }

    @Test
    void anApiSignInsRefreshTokenKeepsTheAdminScopeThroughTheOauthEndpoint() throws Exception {
        UserPoolClientType client = codeClient(false);
        AuthenticationResultType signedIn = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(client.clientId())
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "alice", "PASSWORD", PASSWORD)))
                .authenticationResult();

        JsonNode body = json(refresh(client, signedIn.refreshToken()));

        assertThat(verified(body.path("access_token").asText()).getStringClaimValue("scope")).isEqualTo("aws.cognito.signin.user.admin");
        assertThat(verified(body.path("id_token").asText()).hasClaim("at_hash")).isFalse();
    }

    @Test
    void anotherClientsUnknownOrRevokedTokenIsAnInvalidGrant() {
        UserPoolClientType client = codeClient(false);
        UserPoolClientType other = codeClient(false);
        String refreshToken = json(redeem(client, issue(grant(client, List.of("openid"), null, CHALLENGE)))).path("refresh_token").asText();

        assertInvalidGrant(refresh(other, refreshToken));
        assertInvalidGrant(refresh(client, "not-a-refresh-token"));
        assertThat(refresh(client, refreshToken).statusCode()).isEqualTo(200);

        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("alice"));
        assertInvalidGrant(refresh(client, refreshToken));
        cognito.adminEnableUser(r -> r.userPoolId(poolId).username("alice"));

        cognito.adminUserGlobalSignOut(r -> r.userPoolId(poolId).username("alice"));
        assertInvalidGrant(refresh(client, refreshToken));

        Response missing = token("grant_type", "refresh_token", "client_id", client.clientId());
        assertThat(json(missing).path("error").asText()).isEqualTo("invalid_request");
    }
}
