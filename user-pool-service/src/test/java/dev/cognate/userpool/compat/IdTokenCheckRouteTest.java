package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.internalapi.IdTokenCheck;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.userpool.api.InternalApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The internal route identity-pool-service's {@code ServerSideTokenCheck} calls, with ID tokens of real sign-ins: a
 * signed-in user is ACTIVE; RevokeToken, GlobalSignOut and AdminUserGlobalSignOut revoke, AdminDisableUser disables,
 * AdminDeleteUser removes; only on the internal port.
 */
@QuarkusTest
class IdTokenCheckRouteTest extends SignInFixture {

    @Test
    void aSignedInUsersIdTokenIsActiveUntilItsSessionIsRevoked() throws Exception {
        createUser("olga", true);
        AuthenticationResultType first = passwordAuth(clientId, "olga", PASSWORD).authenticationResult();
        AuthenticationResultType second = passwordAuth(clientId, "olga", PASSWORD).authenticationResult();
        assertThat(status(first.idToken())).isEqualTo(IdTokenCheck.ACTIVE);

        anonymous.revokeToken(r -> r.clientId(clientId).token(first.refreshToken()));

        assertThat(status(first.idToken())).isEqualTo(IdTokenCheck.TOKEN_REVOKED);
        assertThat(status(second.idToken())).as("another session is untouched").isEqualTo(IdTokenCheck.ACTIVE);
    }

    @Test
    void globalSignOutRevokesEveryIdTokenIssuedBefore() throws Exception {
        String sub = createUser("pia", true);
        AuthenticationResultType tokens = passwordAuth(clientId, "pia", PASSWORD).authenticationResult();

        anonymous.globalSignOut(r -> r.accessToken(tokens.accessToken()));

        assertThat(status(tokens.idToken())).isEqualTo(IdTokenCheck.TOKEN_REVOKED);
        long now = Instant.now().getEpochSecond();
        assertThat(check(poolId, new IdTokenCheck.Request(sub, null, now - 60)).jsonPath().getString("status"))
                .as("a token without a session, issued before the sign-out").isEqualTo(IdTokenCheck.TOKEN_REVOKED);
        assertThat(check(poolId, new IdTokenCheck.Request(sub, null, now + 2)).jsonPath().getString("status"))
                .as("issued after the sign-out").isEqualTo(IdTokenCheck.ACTIVE);
        AuthenticationResultType later = passwordAuth(clientId, "pia", PASSWORD).authenticationResult();
        cognito.adminUserGlobalSignOut(r -> r.userPoolId(poolId).username("pia"));
        assertThat(status(later.idToken())).isEqualTo(IdTokenCheck.TOKEN_REVOKED);
    }

    @Test
    void disabledAndDeletedUsersAreNotActive() throws Exception {
        createUser("quinn", true);
        String idToken = passwordAuth(clientId, "quinn", PASSWORD).authenticationResult().idToken();

        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("quinn"));
        assertThat(status(idToken)).isEqualTo(IdTokenCheck.USER_DISABLED);
        cognito.adminEnableUser(r -> r.userPoolId(poolId).username("quinn"));
        assertThat(status(idToken)).isEqualTo(IdTokenCheck.ACTIVE);
        cognito.adminDeleteUser(r -> r.userPoolId(poolId).username("quinn"));
        assertThat(status(idToken)).isEqualTo(IdTokenCheck.USER_NOT_FOUND);
    }

    @Test
    void unknownPoolsAndSubsAreNotFoundAndABodyWithoutSubIsRefused() {
        long now = Instant.now().getEpochSecond();
        String someone = UUID.randomUUID().toString();
        assertThat(check("us-east-1_NoSuchPool", new IdTokenCheck.Request(someone, null, now)).jsonPath().getString("status"))
                .isEqualTo(IdTokenCheck.USER_NOT_FOUND);
        assertThat(check(poolId, new IdTokenCheck.Request("not-a-uuid", "not-a-uuid", now)).jsonPath().getString("status"))
                .isEqualTo(IdTokenCheck.USER_NOT_FOUND);

        Response noSub = InternalApi.given().contentType("application/json").body("{\"issuedAt\":1}").post(path(poolId));
        assertThat(noSub.statusCode()).isEqualTo(400);
        assertThat(noSub.jsonPath().getString("__type")).isEqualTo("InvalidParameterException");
        Response wrongType = InternalApi.given().contentType("application/json").body("{\"sub\":\"a\",\"issuedAt\":\"soon\"}").post(path(poolId));
        assertThat(wrongType.statusCode()).isEqualTo(400);
    }

    @Test
    void thePublicPortDoesNotServeIt() {
        Response response = RestAssured.given().baseUri(endpoint.toString()).contentType("application/json")
                .body(new IdTokenCheck.Request(UUID.randomUUID().toString(), null, 1)).post(path(poolId));
        assertThat(response.statusCode()).isEqualTo(404);
    }

    private String status(String idToken) throws Exception {
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]));
        IdTokenCheck.Request request = new IdTokenCheck.Request(claims.path("sub").asText(), claims.path("origin_jti").asText(),
                claims.path("iat").asLong());
        Response response = check(poolId, request);
        assertThat(response.statusCode()).isEqualTo(200);
        IdTokenCheck.Answer answer = response.as(IdTokenCheck.Answer.class);
        return answer.status();
    }

    private static Response check(String pool, IdTokenCheck.Request request) {
        return InternalApi.given().contentType("application/json").body(request).post(path(pool));
    }

    private static String path(String pool) {
        return InternalRoutes.V1 + InternalRoutes.ID_TOKEN_CHECK.replace("{poolId}", pool);
    }
}
