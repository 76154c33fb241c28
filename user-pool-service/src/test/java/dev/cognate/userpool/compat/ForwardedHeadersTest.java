package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthEventType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind the ingress, the connection comes from the proxy and the client's address from X-Forwarded-For: the address a
 * sign-in records is the client's. Only a trusted proxy may say so (application.properties trusts this machine; the
 * Helm chart the cluster's ranges).
 */
@QuarkusTest
class ForwardedHeadersTest extends CognitoIdpTest {

    private static final String PASSWORD = "Correct-Horse-9";
    private static final String CLIENT_ADDRESS = "203.0.113.7";

    @Test
    void aSignInThroughATrustedProxyRecordsTheClientsAddress() {
        String poolId = newPool("forwarded");
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("alice").messageAction(MessageActionType.SUPPRESS)
                .temporaryPassword("Temporary-Pass-1"));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("alice").password(PASSWORD).permanent(true));

        try (CognitoIdentityProviderClient behindProxy = CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.putHeader("X-Forwarded-For", CLIENT_ADDRESS).putHeader("X-Forwarded-Proto", "https"))
                .build()) {
            behindProxy.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", "alice", "PASSWORD", PASSWORD)));
        }

        List<AuthEventType> events = cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username("alice")).authEvents();
        assertThat(events).singleElement()
                .satisfies(event -> assertThat(event.eventContextData().ipAddress()).isEqualTo(CLIENT_ADDRESS));
    }
}
