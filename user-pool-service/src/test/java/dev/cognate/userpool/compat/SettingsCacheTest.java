package dev.cognate.userpool.compat;

import dev.cognate.userpool.MovableClock;
import dev.cognate.userpool.SignedJson;
import dev.cognate.userpool.service.ClientAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import dev.cognate.userpool.repository.ChangeBroadcast;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The pool and client settings sign-in reads through {@code repository/SettingsCache}: every change made through this
 * instance's API is seen by the very next sign-in (the settings were read, and kept, just before); another instance's
 * change as soon as its announcement (Redis pub/sub, {@code ChangeBroadcast}) arrives; a change nobody announced (written
 * here straight into the table) at most {@code cognate.cache.settings-ttl} (5 s) later — moved with the service's
 * clock. AWS SDK for Java v2.
 */
@QuarkusTest
class SettingsCacheTest extends SignInFixture {

    @Inject
    MovableClock clock;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Vertx vertx;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aDeletedClientIsRefusedAtOnce() {
        createUser("ann", true);
        assertThat(passwordAuth(clientId, "ann", PASSWORD).authenticationResult().accessToken()).isNotBlank();

        cognito.deleteUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId));

        assertThatThrownBy(() -> passwordAuth(clientId, "ann", PASSWORD))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("User pool client " + clientId + " does not exist.");
    }

    @Test
    void aChangedClientSettingIsSeenAtOnce() {
        createUser("ben", true);
        assertThat(passwordAuth(clientId, "ben", PASSWORD).authenticationResult()).isNotNull();

        cognito.updateUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH));

        assertThatThrownBy(() -> passwordAuth(clientId, "ben", PASSWORD))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("USER_PASSWORD_AUTH flow not enabled for this client");
    }

    @Test
    void aRemovedSecretIsRefusedAtOnceAndAnAddedOneAcceptedAtOnce() {
        createUser("cy", true);
        UserPoolClientType client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("confidential").generateSecret(true)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient();
        String first = client.clientSecret();
        assertThat(signInWithSecret(client.clientId(), first).authenticationResult()).isNotNull();

        Response added = call("AddUserPoolClientSecret", Map.of("UserPoolId", poolId, "ClientId", client.clientId()));
        assertThat(added.statusCode()).isEqualTo(200);
        String second = added.jsonPath().getString("ClientSecretDescriptor.ClientSecretValue");
        assertThat(signInWithSecret(client.clientId(), second).authenticationResult()).as("the added secret at once").isNotNull();

        String firstId = (String) call("ListUserPoolClientSecrets", Map.of("UserPoolId", poolId, "ClientId", client.clientId()))
                .jsonPath().getList("ClientSecrets", Map.class).get(0).get("ClientSecretId");
        assertThat(call("DeleteUserPoolClientSecret", Map.of("UserPoolId", poolId, "ClientId", client.clientId(), "ClientSecretId", firstId))
                .statusCode()).isEqualTo(200);

        assertThatThrownBy(() -> signInWithSecret(client.clientId(), first))
                .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("Unable to verify secret hash for client " + client.clientId());
        assertThat(signInWithSecret(client.clientId(), second).authenticationResult()).isNotNull();
    }

    @Test
    void aChangedPoolSettingIsSeenAtOnce() {
        createUser("dee", true);
        assertThat(passwordAuth(clientId, "dee", PASSWORD).authenticationResult()).isNotNull();

        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)
                .softwareTokenMfaConfiguration(totp -> totp.enabled(true)));

        InitiateAuthResponse response = passwordAuth(clientId, "dee", PASSWORD);
        assertThat(response.authenticationResult()).isNull();
        assertThat(response.challengeName()).isEqualTo(ChallengeNameType.MFA_SETUP);
    }

    @Test
    void aDeletedPoolIsRefusedAtOnce() {
        createUser("eve", true);
        assertThat(passwordAuth(clientId, "eve", PASSWORD).authenticationResult()).isNotNull();

        cognito.deleteUserPool(r -> r.userPoolId(poolId));

        assertThatThrownBy(() -> passwordAuth(clientId, "eve", PASSWORD)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aDeletionByHandInTheDatabaseIsSeenWithinTheBound() {
        createUser("fay", true);
        assertThat(passwordAuth(clientId, "fay", PASSWORD).authenticationResult()).isNotNull();

        // the row goes without any instance announcing it
        db.preparedQuery("DELETE FROM app_clients WHERE id = $1").execute(Tuple.of(clientId)).await().indefinitely();

        clock.advance(Duration.ofSeconds(4));
        assertThat(passwordAuth(clientId, "fay", PASSWORD).authenticationResult())
                .as("within cognate.cache.settings-ttl (5 s) the kept settings still answer").isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> passwordAuth(clientId, "fay", PASSWORD))
                .as("once the bound has passed").isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void anotherInstancesDeletionIsSeenAsSoonAsItsAnnouncementArrives() {
        createUser("gil", true);
        assertThat(passwordAuth(clientId, "gil", PASSWORD).authenticationResult()).isNotNull();

        // as another instance deletes it: the row goes, and that instance announces it through Redis as its writer does
        db.preparedQuery("DELETE FROM app_clients WHERE id = $1").execute(Tuple.of(clientId)).await().indefinitely();
        ChangeBroadcast otherInstance = new ChangeBroadcast(redis, vertx);
        otherInstance.changed(null, "client:" + clientId).await().indefinitely();

        await("refused within 2 s of the announcement, the clock not moved (the TTL is 5 s)")
                .atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertThatThrownBy(() -> passwordAuth(clientId, "gil", PASSWORD))
                        .isInstanceOf(ResourceNotFoundException.class));
    }

    private InitiateAuthResponse signInWithSecret(String client, String secret) {
        return anonymous.initiateAuth(r -> r.clientId(client).authFlow(AuthFlowType.USER_PASSWORD_AUTH).authParameters(Map.of(
                "USERNAME", "cy", "PASSWORD", PASSWORD, "SECRET_HASH", ClientAuthenticator.secretHash(secret, "cy", client))));
    }

    private Response call(String action, Map<String, String> body) {
        return SignedJson.call(endpoint, action, new io.vertx.core.json.JsonObject(new HashMap<String, Object>(body)).encode());
    }

}
