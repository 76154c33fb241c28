package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GetTokensFromRefreshToken through the AWS SDK for Java v2 with anonymous credentials, as an app calls it. */
@QuarkusTest
class GetTokensFromRefreshTokenTest extends CognitoIdpTest {

    private static final String PASSWORD = "Correct-Horse-9";

    private CognitoIdentityProviderClient anonymous;
    private String poolId;

    @BeforeEach
    void createPool() {
        anonymous = CognitoIdentityProviderClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create()).build();
        poolId = newPool("refresh");
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("alice").messageAction(MessageActionType.SUPPRESS));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("alice").password(PASSWORD).permanent(true));
    }

    @AfterEach
    void closeAnonymous() {
        anonymous.close();
    }

    private UserPoolClientType newClient(boolean rotation, boolean secret) {
        return cognito.createUserPoolClient(r -> {
            r.userPoolId(poolId).clientName("app-" + unique()).generateSecret(secret)
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH);
            if (rotation) {
                r.refreshTokenRotation(rotate -> rotate.feature("ENABLED"));
            }
        }).userPoolClient();
    }

    private AuthenticationResultType signIn(UserPoolClientType client) {
        Map<String, String> parameters = new java.util.HashMap<>(Map.of("USERNAME", "alice", "PASSWORD", PASSWORD));
        if (client.clientSecret() != null) {
            parameters.put("SECRET_HASH", dev.cognate.userpool.service.ClientAuthenticator.secretHash(client.clientSecret(), "alice",
                    client.clientId()));
        }
        return cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(client.clientId())
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(parameters)).authenticationResult();
    }

    @Test
    void answersNewIdAndAccessTokensForAValidRefreshToken() {
        UserPoolClientType client = newClient(false, false);
        AuthenticationResultType first = signIn(client);

        AuthenticationResultType refreshed = anonymous.getTokensFromRefreshToken(r -> r.clientId(client.clientId())
                .refreshToken(first.refreshToken())).authenticationResult();

        assertThat(refreshed.idToken()).isNotBlank().isNotEqualTo(first.idToken());
        assertThat(refreshed.accessToken()).isNotBlank().isNotEqualTo(first.accessToken());
        assertThat(refreshed.tokenType()).isEqualTo("Bearer");
        assertThat(refreshed.expiresIn()).isEqualTo(3600);
        assertThat(refreshed.refreshToken()).isNull();
        assertThat(anonymous.getUser(r -> r.accessToken(refreshed.accessToken())).username()).isEqualTo("alice");
    }

    @Test
    void rotationAnswersANewRefreshTokenAndReuseRevokesTheFamily() {
        UserPoolClientType client = newClient(true, false);
        AuthenticationResultType first = signIn(client);

        AuthenticationResultType second = anonymous.getTokensFromRefreshToken(r -> r.clientId(client.clientId())
                .refreshToken(first.refreshToken())).authenticationResult();
        assertThat(second.refreshToken()).isNotBlank().isNotEqualTo(first.refreshToken());
        AuthenticationResultType third = anonymous.getTokensFromRefreshToken(r -> r.clientId(client.clientId())
                .refreshToken(second.refreshToken())).authenticationResult();
        assertThat(third.refreshToken()).isNotBlank().isNotEqualTo(second.refreshToken());

        assertThatThrownBy(() -> anonymous.getTokensFromRefreshToken(r -> r.clientId(client.clientId()).refreshToken(first.refreshToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Refresh Token has been revoked");
        assertThatThrownBy(() -> anonymous.getTokensFromRefreshToken(r -> r.clientId(client.clientId()).refreshToken(third.refreshToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Refresh Token has been revoked");
        // the same family, through REFRESH_TOKEN_AUTH: one piece of code
        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(client.clientId()).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", third.refreshToken()))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Refresh Token has been revoked");
    }

    @Test
    void aRevokedRefreshTokenIsRefused() {
        UserPoolClientType client = newClient(false, false);
        AuthenticationResultType tokens = signIn(client);
        anonymous.revokeToken(r -> r.clientId(client.clientId()).token(tokens.refreshToken()));

        assertThatThrownBy(() -> anonymous.getTokensFromRefreshToken(r -> r.clientId(client.clientId()).refreshToken(tokens.refreshToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Refresh Token has been revoked");
    }

    @Test
    void aRefreshTokenOfAnotherClientOrAnUnknownOneIsRefused() {
        UserPoolClientType client = newClient(false, false);
        UserPoolClientType other = newClient(false, false);
        AuthenticationResultType tokens = signIn(client);

        assertThatThrownBy(() -> anonymous.getTokensFromRefreshToken(r -> r.clientId(other.clientId()).refreshToken(tokens.refreshToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Refresh Token");
        assertThatThrownBy(() -> anonymous.getTokensFromRefreshToken(r -> r.clientId(client.clientId()).refreshToken("not-a-refresh-token")))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Refresh Token");
        // still valid for its own client
        assertThat(anonymous.getTokensFromRefreshToken(r -> r.clientId(client.clientId()).refreshToken(tokens.refreshToken()))
                .authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void aClientWithASecretMustSendIt() {
        UserPoolClientType client = newClient(false, true);
        AuthenticationResultType tokens = signIn(client);

        assertThatThrownBy(() -> anonymous.getTokensFromRefreshToken(r -> r.clientId(client.clientId()).refreshToken(tokens.refreshToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("configured with secret");
        assertThatThrownBy(() -> anonymous.getTokensFromRefreshToken(r -> r.clientId(client.clientId()).clientSecret("wrong-secret")
                .refreshToken(tokens.refreshToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("configured with secret");

        assertThat(anonymous.getTokensFromRefreshToken(r -> r.clientId(client.clientId()).clientSecret(client.clientSecret())
                .refreshToken(tokens.refreshToken())).authenticationResult().idToken()).isNotBlank();
    }
}
