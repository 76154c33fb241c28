package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.service.ClientAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * REFRESH_TOKEN_AUTH for a client with a secret (AWS SDK for Java v2): the request carries no USERNAME, so the
 * SECRET_HASH is computed over the refresh token's user — its username as stored, which in a pool whose users sign in
 * with their email address is the {@code sub}, not the address they typed — or over USERNAME when one is sent.
 */
@QuarkusTest
class RefreshSecretHashTest extends CognitoIdpTest {

    private static final String PASSWORD = "Correct-Horse-9";

    private CognitoIdentityProviderClient anonymous;
    private String poolId;
    private UserPoolClientType client;
    private String sub;

    @BeforeEach
    void createEmailPoolClientAndUser() {
        anonymous = CognitoIdpClients.anonymous(endpoint);
        poolId = cognito.createUserPool(r -> r.poolName("refresh secret " + unique()).usernameAttributes(UsernameAttributeType.EMAIL))
                .userPool().id();
        client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("confidential").generateSecret(true)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient();
        sub = cognito.adminCreateUser(r -> r.userPoolId(poolId).username("ana@example.com").messageAction(MessageActionType.SUPPRESS)
                        .userAttributes(AttributeType.builder().name("email_verified").value("true").build()))
                .user().username();
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("ana@example.com").password(PASSWORD).permanent(true));
    }

    @AfterEach
    void closeAnonymous() {
        anonymous.close();
    }

    private String secretHash(String username) {
        return ClientAuthenticator.secretHash(client.clientSecret(), username, client.clientId());
    }

    private String signIn() {
        return anonymous.initiateAuth(r -> r.clientId(client.clientId()).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", "ana@example.com", "PASSWORD", PASSWORD, "SECRET_HASH", secretHash("ana@example.com"))))
                .authenticationResult().refreshToken();
    }

    private AuthenticationResultType refresh(Map<String, String> parameters) {
        return anonymous.initiateAuth(r -> r.clientId(client.clientId()).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH).authParameters(parameters))
                .authenticationResult();
    }

    @Test
    void aSecretHashOverTheTokensUsernameIsAccepted() {
        assertThat(sub).as("email-as-username: the stored username is the sub").matches("[0-9a-f-]{36}");
        String refreshToken = signIn();

        AuthenticationResultType refreshed = refresh(Map.of("REFRESH_TOKEN", refreshToken, "SECRET_HASH", secretHash(sub)));

        assertThat(refreshed.accessToken()).isNotBlank();
        assertThat(refreshed.idToken()).isNotBlank();
    }

    @Test
    void aSecretHashOverTheUsernameParameterIsAccepted() {
        String refreshToken = signIn();

        assertThat(refresh(Map.of("REFRESH_TOKEN", refreshToken, "USERNAME", "ana@example.com",
                "SECRET_HASH", secretHash("ana@example.com"))).accessToken()).isNotBlank();
    }

    @Test
    void aWrongOrMissingSecretHashIsRefusedAndTheTokenStaysUsable() {
        String refreshToken = signIn();

        assertThatThrownBy(() -> refresh(Map.of("REFRESH_TOKEN", refreshToken, "SECRET_HASH", secretHash("ana@example.com"))))
                .as("the typed address is not the token's username").isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("Unable to verify secret hash for client " + client.clientId());
        assertThatThrownBy(() -> refresh(Map.of("REFRESH_TOKEN", refreshToken)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("Client " + client.clientId() + " is configured with secret but SECRET_HASH was not received");
        assertThatThrownBy(() -> refresh(Map.of("REFRESH_TOKEN", "not-a-refresh-token", "SECRET_HASH", secretHash(sub))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Unable to verify secret hash");

        assertThat(refresh(Map.of("REFRESH_TOKEN", refreshToken, "SECRET_HASH", secretHash(sub))).accessToken()).isNotBlank();
    }
}
