package dev.cognate.userpool.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /oauth2/userInfo}: the user by the Bearer token's scopes and the client's ReadAttributes; RFC 6750's errors. */
@QuarkusTest
class OauthUserInfoTest extends OauthFlowFixture {

    private String accessToken(UserPoolClientType client, List<String> scopes) {
        return json(redeem(client, issue(grant(client, scopes, null, CHALLENGE)))).path("access_token").asText();
    }

    private static Response userInfo(String accessToken) {
        return RestAssured.given().header("Authorization", "Bearer " + accessToken).get("/oauth2/userInfo");
    }

    private static void assertInvalidToken(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_token");
    }

    @Test
    void openidAloneAnswersEveryReadableAttribute() {
        UserPoolClientType client = codeClient(false);
        Response response = userInfo(accessToken(client, List.of("openid")));

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = json(response);
        assertThat(body.path("sub").asText()).isEqualTo(sub);
        assertThat(body.path("username").asText()).isEqualTo("alice");
        assertThat(body.path("email").asText()).isEqualTo("alice@example.com");
        assertThat(body.path("email_verified").asBoolean()).isTrue();
        assertThat(body.path("phone_number").asText()).isEqualTo("+15555550100");
        assertThat(body.path("given_name").asText()).isEqualTo("Alice");
        assertThat(body.path("custom:tier").asText()).isEqualTo("gold");
        assertThat(body.path("address").asText()).isEqualTo("1 Main St");
        assertThat(body.fieldNames().next()).isEqualTo("sub");
    }

    @Test
    void narrowerScopesAnswerTheirClaimsOnly() {
        UserPoolClientType client = codeClient(false);

        JsonNode email = json(userInfo(accessToken(client, List.of("openid", "email"))));
        assertThat(names((email))).containsExactlyInAnyOrder("sub", "email", "email_verified", "username");

        JsonNode profile = json(RestAssured.given().header("Authorization", "Bearer " + accessToken(client, List.of("openid", "profile")))
                .post("/oauth2/userInfo"));
        assertThat(names((profile))).containsExactlyInAnyOrder("sub", "given_name", "custom:tier", "username");

        JsonNode phone = json(userInfo(accessToken(client, List.of("openid", "phone", "aws.cognito.signin.user.admin"))));
        assertThat(names((phone))).containsExactlyInAnyOrder("sub", "phone_number", "username");
    }

    @Test
    void theClientsReadAttributesBoundWhatIsAnswered() {
        UserPoolClientType client = codeClient(false, r -> r.readAttributes("email", "email_verified"));
        JsonNode body = json(userInfo(accessToken(client, List.of("openid"))));
        assertThat(names((body))).containsExactlyInAnyOrder("sub", "email", "email_verified", "username");
    }

    @Test
    void aTokenWithoutOpenidHasInsufficientScope() {
        UserPoolClientType client = codeClient(false);
        Response response = userInfo(accessToken(client, List.of("email", "aws.cognito.signin.user.admin")));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"insufficient_scope\"");

        // API tokens carry only aws.cognito.signin.user.admin: Cognito's userInfo does not accept them
        String apiToken = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(client.clientId())
                        .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "alice", "PASSWORD", PASSWORD)))
                .authenticationResult().accessToken();
        assertThat(userInfo(apiToken).statusCode()).isEqualTo(403);
    }

    @Test
    void noTokenABadOneOrAForgedOneIsRefused() {
        Response none = RestAssured.get("/oauth2/userInfo");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(RestAssured.given().header("Authorization", "Basic abc").get("/oauth2/userInfo").header("WWW-Authenticate"))
                .isEqualTo("Bearer");

        assertInvalidToken(userInfo("not-a-jwt"));
        UserPoolClientType client = codeClient(false);
        String token = accessToken(client, List.of("openid"));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace(sub, "00000000-0000-0000-0000-000000000000").getBytes())
                + "." + parts[2];
        assertInvalidToken(userInfo(forged));
    }

    @Test
    void aTokenRevokedThroughTheRevokeEndpointOrAGlobalSignOutIsRefused() {
        UserPoolClientType client = codeClient(false);
        JsonNode tokens = json(redeem(client, issue(grant(client, List.of("openid", "aws.cognito.signin.user.admin"), null, CHALLENGE))));
        String access = tokens.path("access_token").asText();
        assertThat(userInfo(access).statusCode()).isEqualTo(200);

        assertThat(form(RestAssured.given(), "token", tokens.path("refresh_token").asText(), "client_id", client.clientId())
                .post("/oauth2/revoke").statusCode()).isEqualTo(200);
        assertInvalidToken(userInfo(access));

        String another = accessToken(client, List.of("openid", "aws.cognito.signin.user.admin"));
        assertThat(userInfo(another).statusCode()).isEqualTo(200);
        // a sign-out refuses tokens issued in the seconds before it (iat has whole seconds)
        long issuedAt = java.time.Instant.now().getEpochSecond();
        org.awaitility.Awaitility.await().until(() -> java.time.Instant.now().getEpochSecond() > issuedAt);
        try (var anonymous = dev.cognate.userpool.CognitoIdpClients.anonymous(endpoint)) {
            anonymous.globalSignOut(r -> r.accessToken(another));
        }
        assertInvalidToken(userInfo(another));
    }

    @Test
    void aDisabledUserIsRefused() {
        UserPoolClientType client = codeClient(false);
        String access = accessToken(client, List.of("openid"));
        assertThat(userInfo(access).statusCode()).isEqualTo(200);
        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("alice"));
        assertInvalidToken(userInfo(access));
        cognito.adminEnableUser(r -> r.userPoolId(poolId).username("alice"));
        assertThat(userInfo(access).statusCode()).isEqualTo(200);
    }

    @Test
    void anAttributeChangeIsAnsweredByTheNextRequest() {
        UserPoolClientType client = codeClient(false);
        String access = accessToken(client, List.of("openid", "profile"));
        assertThat(json(userInfo(access)).path("given_name").asText()).isEqualTo("Alice");
        cognito.adminUpdateUserAttributes(r -> r.userPoolId(poolId).username("alice").userAttributes(
                software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType.builder().name("given_name").value("Alicia").build()));
        assertThat(json(userInfo(access)).path("given_name").asText()).isEqualTo("Alicia");
        cognito.adminDeleteUserAttributes(r -> r.userPoolId(poolId).username("alice").userAttributeNames("given_name"));
        assertThat(json(userInfo(access)).has("given_name")).isFalse();
        cognito.adminDeleteUser(r -> r.userPoolId(poolId).username("alice"));
        assertInvalidToken(userInfo(access));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
