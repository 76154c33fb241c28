package dev.cognate.userpool.compat;

import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedTokenTypeException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What happens to tokens after a sign-in: refresh (with and without rotation), GetUser, expired and foreign
 * access tokens, RevokeToken and GlobalSignOut.
 */
@QuarkusTest
class TokenLifecycleTest extends SignInFixture {

    @Test
    void refreshTokenAuthMintsNewTokensInTheSameFamily() throws Exception {
        createUser("ivan", true);
        AuthenticationResultType first = passwordAuth(clientId, "ivan", PASSWORD).authenticationResult();
        InitiateAuthResponse refreshed = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", first.refreshToken())));
        AuthenticationResultType second = refreshed.authenticationResult();
        assertThat(second.refreshToken()).isNull();
        JwtClaims before = verify(first.idToken(), clientId);
        JwtClaims after = verify(second.idToken(), clientId);
        assertThat(after.getClaimValue("origin_jti")).isEqualTo(before.getClaimValue("origin_jti"));
        assertThat(after.getClaimValue("auth_time")).isEqualTo(before.getClaimValue("auth_time"));
        assertThat(after.getJwtId()).isNotEqualTo(before.getJwtId());

        AdminInitiateAuthResponse admin = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH).authParameters(Map.of("REFRESH_TOKEN", first.refreshToken())));
        assertThat(admin.authenticationResult().accessToken()).isNotBlank();

        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", "not-a-refresh-token"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Refresh Token");
        String other = newClient(List.of(ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH), false);
        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(other).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", first.refreshToken()))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Refresh Token");
    }

    @Test
    void rotationReplacesRefreshTokensAndReuseRevokesTheFamily() {
        createUser("jane", true);
        String rotating = newClient(List.of(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH), true);
        AuthenticationResultType first = passwordAuth(rotating, "jane", PASSWORD).authenticationResult();
        AuthenticationResultType second = anonymous.initiateAuth(r -> r.clientId(rotating).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", first.refreshToken()))).authenticationResult();
        assertThat(second.refreshToken()).isNotBlank().isNotEqualTo(first.refreshToken());

        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(rotating).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", first.refreshToken()))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Refresh Token has been revoked");
        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(rotating).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", second.refreshToken()))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Refresh Token has been revoked");
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(second.accessToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Access Token has been revoked");
    }

    @Test
    void getUserAnswersTheTokensUser() {
        String sub = createUser("kate", true);
        AuthenticationResultType tokens = passwordAuth(clientId, "kate", PASSWORD).authenticationResult();
        GetUserResponse user = anonymous.getUser(r -> r.accessToken(tokens.accessToken()));
        assertThat(user.username()).isEqualTo("kate");
        assertThat(user.userAttributes()).anyMatch(a -> a.name().equals("sub") && a.value().equals(sub))
                .anyMatch(a -> a.name().equals("email") && a.value().equals("kate@example.com"));

        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken("garbage")))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Access Token");
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(tokens.idToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Access Token");
        String[] parts = tokens.accessToken().split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(tampered)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Access Token");
    }

    @Test
    void expiredAndForeignAccessTokensAreRefused() throws Exception {
        createUser("liam", true);
        AuthenticationResultType tokens = passwordAuth(clientId, "liam", PASSWORD).authenticationResult();
        JwtClaims claims = JwtClaims.parse(new String(java.util.Base64.getUrlDecoder().decode(tokens.accessToken().split("\\.")[1])));
        claims.setExpirationTimeMinutesInTheFuture(-1);

        dev.cognate.userpool.token.SigningKey poolKey = signingKeys.activeKey(poolId).await().indefinitely();
        String expired = sign(claims, poolKey.kid(), poolKey.privateKey());
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(expired)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Access Token has expired");

        claims.setExpirationTimeMinutesInTheFuture(10);
        String forged = sign(claims, poolKey.kid(), org.jose4j.jwk.RsaJwkGenerator.generateJwk(2048).getPrivateKey());
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(forged)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Access Token");
        String resigned = sign(claims, poolKey.kid(), poolKey.privateKey());
        assertThat(anonymous.getUser(r -> r.accessToken(resigned)).username()).isEqualTo("liam");
    }

    private static String sign(JwtClaims claims, String kid, java.security.PrivateKey key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    @Test
    void revokeTokenRevokesTheFamily() {
        createUser("mona", true);
        AuthenticationResultType tokens = passwordAuth(clientId, "mona", PASSWORD).authenticationResult();
        assertThatThrownBy(() -> anonymous.revokeToken(r -> r.clientId(clientId).token(tokens.accessToken())))
                .isInstanceOf(UnsupportedTokenTypeException.class);
        anonymous.revokeToken(r -> r.clientId(clientId).token(tokens.refreshToken()));
        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken()))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Refresh Token has been revoked");
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(tokens.accessToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Access Token has been revoked");
        // another sign-in is a new family, untouched
        AuthenticationResultType fresh = passwordAuth(clientId, "mona", PASSWORD).authenticationResult();
        assertThat(anonymous.getUser(r -> r.accessToken(fresh.accessToken())).username()).isEqualTo("mona");

        String noRevocation = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("no-revoke").enableTokenRevocation(false)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        String refresh = passwordAuth(noRevocation, "mona", PASSWORD).authenticationResult().refreshToken();
        assertThatThrownBy(() -> anonymous.revokeToken(r -> r.clientId(noRevocation).token(refresh)))
                .hasMessageStartingWith("Token revocation is not enabled for this client.");
    }

    @Test
    void globalSignOutRevokesEverySession() {
        createUser("nina", true);
        AuthenticationResultType one = passwordAuth(clientId, "nina", PASSWORD).authenticationResult();
        AuthenticationResultType two = passwordAuth(clientId, "nina", PASSWORD).authenticationResult();
        anonymous.globalSignOut(r -> r.accessToken(one.accessToken()));
        for (AuthenticationResultType tokens : List.of(one, two)) {
            assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(tokens.accessToken())))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Access Token has been revoked");
            assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken()))))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Refresh Token has been revoked");
        }

        createUser("oscar", true);
        AuthenticationResultType oscar = passwordAuth(clientId, "oscar", PASSWORD).authenticationResult();
        cognito.adminUserGlobalSignOut(r -> r.userPoolId(poolId).username("oscar"));
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(oscar.accessToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Access Token has been revoked");
    }
}
