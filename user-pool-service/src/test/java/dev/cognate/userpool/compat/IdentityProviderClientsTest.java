package dev.cognate.userpool.compat;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** App clients naming the pool's identity providers in SupportedIdentityProviders. */
@QuarkusTest
class IdentityProviderClientsTest extends CognitoIdpTest {

    @Inject
    Pool db;

    private String poolId;

    @BeforeEach
    void createPoolWithProviders() {
        poolId = newPool("idp clients");
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp").providerType(IdentityProviderTypeType.OIDC)
                .providerDetails(IdentityProvidersTest.OIDC));
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Google").providerType(IdentityProviderTypeType.GOOGLE)
                .providerDetails(IdentityProvidersTest.GOOGLE));
    }

    @Test
    void clientMayNameCognitoAndThePoolsProviders() {
        UserPoolClientType client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web")
                .supportedIdentityProviders("COGNITO", "Corp", "Google")).userPoolClient();
        assertThat(client.supportedIdentityProviders()).containsExactly("COGNITO", "Corp", "Google");

        UserPoolClientType updated = cognito.updateUserPoolClient(r -> r.userPoolId(poolId).clientId(client.clientId())
                .supportedIdentityProviders("Corp")).userPoolClient();
        assertThat(updated.supportedIdentityProviders()).containsExactly("Corp");
    }

    @Test
    void clientMayNotNameAMissingProviderOrAnotherPoolsProvider() {
        assertThatThrownBy(() -> cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web")
                        .supportedIdentityProviders("COGNITO", "Facebook")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("The provider Facebook does not exist for User Pool " + poolId);
        assertThatThrownBy(() -> cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web")
                        .supportedIdentityProviders("corp")))
                .as("names are case-sensitive").isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("The provider corp does not exist for User Pool " + poolId);

        String otherPool = newPool("idp clients other");
        assertThatThrownBy(() -> cognito.createUserPoolClient(r -> r.userPoolId(otherPool).clientName("web")
                        .supportedIdentityProviders("Corp")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("The provider Corp does not exist for User Pool " + otherPool);

        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web")).userPoolClient().clientId();
        assertThatThrownBy(() -> cognito.updateUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId)
                        .supportedIdentityProviders("Missing")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("The provider Missing does not exist for User Pool " + poolId);
    }

    @Test
    void deletingAProviderTakesItOutOfTheClientsThatNamedIt() {
        String using = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("using")
                .supportedIdentityProviders("COGNITO", "Corp", "Google")).userPoolClient().clientId();
        String notUsing = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("not using")
                .supportedIdentityProviders("Google")).userPoolClient().clientId();

        cognito.deleteIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp"));

        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(using)).userPoolClient().supportedIdentityProviders())
                .containsExactly("COGNITO", "Google");
        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(notUsing)).userPoolClient().supportedIdentityProviders())
                .containsExactly("Google");
        assertThat(OutboxRows.forPool(db, poolId, "clientId"))
                .filteredOn(row -> row.type().equals(UserPoolEvents.CLIENT_UPDATED.name()))
                .extracting(OutboxRows.Row::subjectOfData).as("only the client that changed").containsExactly(using);
        assertThatThrownBy(() -> cognito.updateUserPoolClient(r -> r.userPoolId(poolId).clientId(using)
                        .supportedIdentityProviders("Corp")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("The provider Corp does not exist");
    }
}
