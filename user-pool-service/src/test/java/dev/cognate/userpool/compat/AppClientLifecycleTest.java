package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.FeatureType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUserPoolClientsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** CreateUserPoolClient, DescribeUserPoolClient, ListUserPoolClients, UpdateUserPoolClient, DeleteUserPoolClient through the SDK. */
@QuarkusTest
class AppClientLifecycleTest extends CognitoIdpTest {

    @Inject
    Pool db;

    private String poolId;

    @BeforeEach
    void createPool() {
        poolId = newPool("clients");
    }

    @Test
    void createsAPublicClientWithCognitosDefaults() {
        UserPoolClientType client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web app")).userPoolClient();

        assertThat(client.clientId()).matches("[a-z0-9]{26}");
        assertThat(client.userPoolId()).isEqualTo(poolId);
        assertThat(client.clientName()).isEqualTo("web app");
        assertThat(client.clientSecret()).as("no secret unless asked").isNull();
        assertThat(client.creationDate()).isCloseTo(Instant.now(), within()).isEqualTo(client.lastModifiedDate());
        assertThat(client.refreshTokenValidity()).isEqualTo(30);
        assertThat(client.accessTokenValidity()).isEqualTo(60);
        assertThat(client.idTokenValidity()).isEqualTo(60);
        assertThat(client.tokenValidityUnits().refreshToken()).isEqualTo(TimeUnitsType.DAYS);
        assertThat(client.tokenValidityUnits().accessToken()).isEqualTo(TimeUnitsType.MINUTES);
        assertThat(client.explicitAuthFlows()).containsExactlyInAnyOrder(ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH,
                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH, ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH);
        assertThat(client.preventUserExistenceErrors()).isEqualTo(PreventUserExistenceErrorTypes.ENABLED);
        assertThat(client.enableTokenRevocation()).isTrue();
        assertThat(client.enablePropagateAdditionalUserContextData()).isFalse();
        assertThat(client.authSessionValidity()).isEqualTo(3);
        assertThat(client.allowedOAuthFlowsUserPoolClient()).isFalse();

        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(client.clientId())).userPoolClient())
                .isEqualTo(client);
    }

    @Test
    void storesAndReturnsEveryConfiguredMember() {
        cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("https://api.example.com").name("API")
                .scopes(ResourceServerTest.scope("read")));
        UserPoolClientType client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("full")
                .refreshTokenValidity(10).accessTokenValidity(2).idTokenValidity(30)
                .tokenValidityUnits(u -> u.accessToken(TimeUnitsType.HOURS).idToken(TimeUnitsType.MINUTES).refreshToken(TimeUnitsType.DAYS))
                .readAttributes("email", "name").writeAttributes("name")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .supportedIdentityProviders("COGNITO")
                .callbackURLs("https://app.example.com/cb", "http://localhost:3000/cb", "myapp://callback")
                .logoutURLs("https://app.example.com/bye").defaultRedirectURI("https://app.example.com/cb")
                .allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid", "email", "https://api.example.com/read")
                .allowedOAuthFlowsUserPoolClient(true)
                .analyticsConfiguration(a -> a.applicationId("app-1").externalId("ext").userDataShared(true))
                .preventUserExistenceErrors(PreventUserExistenceErrorTypes.LEGACY).enableTokenRevocation(false)
                .enablePropagateAdditionalUserContextData(true).authSessionValidity(15)
                .refreshTokenRotation(t -> t.feature(FeatureType.ENABLED).retryGracePeriodSeconds(30))).userPoolClient();

        UserPoolClientType described = cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(client.clientId())).userPoolClient();
        assertThat(described).isEqualTo(client);
        assertThat(described.refreshTokenValidity()).isEqualTo(10);
        assertThat(described.accessTokenValidity()).isEqualTo(2);
        assertThat(described.tokenValidityUnits().accessToken()).isEqualTo(TimeUnitsType.HOURS);
        assertThat(described.readAttributes()).containsExactly("email", "name");
        assertThat(described.writeAttributes()).containsExactly("name");
        assertThat(described.explicitAuthFlows()).containsExactly(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH);
        assertThat(described.callbackURLs()).containsExactly("https://app.example.com/cb", "http://localhost:3000/cb", "myapp://callback");
        assertThat(described.logoutURLs()).containsExactly("https://app.example.com/bye");
        assertThat(described.defaultRedirectURI()).isEqualTo("https://app.example.com/cb");
        assertThat(described.allowedOAuthFlows()).containsExactly(OAuthFlowType.CODE);
        assertThat(described.allowedOAuthScopes()).containsExactly("openid", "email", "https://api.example.com/read");
        assertThat(described.allowedOAuthFlowsUserPoolClient()).isTrue();
        assertThat(described.analyticsConfiguration().applicationId()).isEqualTo("app-1");
        assertThat(described.analyticsConfiguration().userDataShared()).isTrue();
        assertThat(described.preventUserExistenceErrors()).isEqualTo(PreventUserExistenceErrorTypes.LEGACY);
        assertThat(described.enableTokenRevocation()).isFalse();
        assertThat(described.enablePropagateAdditionalUserContextData()).isTrue();
        assertThat(described.authSessionValidity()).isEqualTo(15);
        assertThat(described.refreshTokenRotation().feature()).isEqualTo(FeatureType.ENABLED);
        assertThat(described.refreshTokenRotation().retryGracePeriodSeconds()).isEqualTo(30);
    }

    @Test
    void updateReturnsOmittedSettingsToTheirDefaultsAndKeepsTheName() {
        UserPoolClientType created = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("before")
                .callbackURLs("https://app.example.com/cb").allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid")
                .allowedOAuthFlowsUserPoolClient(true).authSessionValidity(10).enableTokenRevocation(false)).userPoolClient();
        // Dates have millisecond precision: let the clock pass the creation instant so the update's date differs.
        await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(created.lastModifiedDate()));

        UserPoolClientType updated = cognito.updateUserPoolClient(r -> r.userPoolId(poolId).clientId(created.clientId())
                .refreshTokenValidity(5)).userPoolClient();

        assertThat(updated.clientName()).isEqualTo("before");
        assertThat(updated.refreshTokenValidity()).isEqualTo(5);
        assertThat(updated.callbackURLs()).isEmpty();
        assertThat(updated.allowedOAuthFlows()).isEmpty();
        assertThat(updated.allowedOAuthFlowsUserPoolClient()).isFalse();
        assertThat(updated.authSessionValidity()).isEqualTo(3);
        assertThat(updated.enableTokenRevocation()).isTrue();
        assertThat(updated.creationDate()).isEqualTo(created.creationDate());
        assertThat(updated.lastModifiedDate()).isAfter(created.lastModifiedDate());
        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(created.clientId())).userPoolClient())
                .isEqualTo(updated);

        UserPoolClientType renamed = cognito.updateUserPoolClient(r -> r.userPoolId(poolId).clientId(created.clientId())
                .clientName("after")).userPoolClient();
        assertThat(renamed.clientName()).isEqualTo("after");
    }

    @Test
    void listsClientsPageByPage() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            created.add(cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("c" + n)).userPoolClient().clientId());
        }
        List<UserPoolClientDescription> seen = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListUserPoolClientsResponse page = cognito.listUserPoolClients(r -> r.userPoolId(poolId).maxResults(2).nextToken(next));
            assertThat(page.userPoolClients()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page.userPoolClients());
            token = page.nextToken();
        } while (token != null);
        assertThat(seen).extracting(UserPoolClientDescription::clientId).containsExactlyElementsOf(created.stream().sorted().toList());
        assertThat(seen).allSatisfy(d -> assertThat(d.userPoolId()).isEqualTo(poolId));
        assertThat(seen).extracting(UserPoolClientDescription::clientName).containsExactlyInAnyOrder("c0", "c1", "c2", "c3", "c4");
        assertThat(cognito.listUserPoolClients(r -> r.userPoolId(poolId)).userPoolClients()).as("MaxResults is optional").hasSize(5);
    }

    @Test
    void deletesAClient() {
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("doomed").generateSecret(true))
                .userPoolClient().clientId();
        cognito.deleteUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId));
        assertThatThrownBy(() -> cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("User pool client " + clientId + " does not exist.");
        assertThatThrownBy(() -> cognito.deleteUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(count("SELECT count(*) FROM app_client_secrets WHERE client_id = $1", clientId)).isZero();
    }

    @Test
    void aClientIsNotFoundThroughAnotherPool() {
        String other = newPool("other");
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("mine")).userPoolClient().clientId();
        assertThatThrownBy(() -> cognito.describeUserPoolClient(r -> r.userPoolId(other).clientId(clientId)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("User pool client " + clientId + " does not exist.");
        assertThatThrownBy(() -> cognito.updateUserPoolClient(r -> r.userPoolId(other).clientId(clientId)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.deleteUserPoolClient(r -> r.userPoolId(other).clientId(clientId)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deletingThePoolRemovesItsClientsAndSecrets() {
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("goes").generateSecret(true))
                .userPoolClient().clientId();
        cognito.deleteUserPool(r -> r.userPoolId(poolId));
        assertThat(count("SELECT count(*) FROM app_clients WHERE user_pool_id = $1", poolId)).isZero();
        assertThat(count("SELECT count(*) FROM app_client_secrets WHERE client_id = $1", clientId)).isZero();
    }

    private long count(String sql, String parameter) {
        return db.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely().iterator().next().getLong(0);
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return org.assertj.core.api.Assertions.within(Duration.ofMinutes(1).toMillis(), java.time.temporal.ChronoUnit.MILLIS);
    }
}
