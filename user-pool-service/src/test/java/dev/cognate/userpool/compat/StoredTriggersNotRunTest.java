package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.repository.SettingsCache;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pool stored before CreateUserPool/UpdateUserPool refused the triggers Cognate does not run may still hold one (here
 * written into its row, as such a pool's row is). Its trigger is never skipped: every sign-up and every sign-in of the
 * pool fails closed with {@code UnexpectedLambdaException}, and the refused sign-up leaves no user.
 */
@QuarkusTest
class StoredTriggersNotRunTest extends CognitoIdpTest {

    private static final String PASSWORD = "Correct-Horse-9";

    @Inject
    Pool db;

    @Inject
    SettingsCache settingsCache;

    CognitoIdentityProviderClient anonymous;
    String poolId;
    String clientId;

    @BeforeEach
    void poolWithAUser() {
        anonymous = CognitoIdentityProviderClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create()).build();
        poolId = cognito.createUserPool(r -> r.poolName("stored triggers " + unique())).userPool().id();
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("existing").messageAction(MessageActionType.SUPPRESS));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("existing").password(PASSWORD).permanent(true));
        assertThat(signIn()).as("signs in before the pool holds a trigger Cognate does not run").isNotBlank();
    }

    @AfterEach
    void closeAnonymous() {
        anonymous.close();
    }

    @Test
    void aStoredTriggerCognateDoesNotKnowRefusesSignInAndSignUp() {
        // every member of today's LambdaConfig runs (InboundFederation since federated sign-in); a member of a newer
        // Cognito written into the row stands for the pools stored before their trigger was refused
        storeLambdaConfig("{\"PreSignUpOfANewerCognito\": {\"LambdaVersion\": \"V1_0\", \"LambdaArn\": \"https://functions.example.com/newer\"}}");

        assertRefused(this::signIn, "PreSignUpOfANewerCognito invocation failed due to error TriggerNotRunByCognate.");
        assertRefused(() -> anonymous.signUp(r -> r.clientId(clientId).username("newcomer").password(PASSWORD)),
                "PreSignUpOfANewerCognito invocation failed due to error TriggerNotRunByCognate.");
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId(poolId).username("newcomer")))
                .isInstanceOf(UserNotFoundException.class);
    }

    private String signIn() {
        return anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "existing", "PASSWORD", PASSWORD))).authenticationResult().accessToken();
    }

    private void storeLambdaConfig(String lambdaConfig) {
        db.preparedQuery("UPDATE user_pools SET settings = jsonb_set(settings, '{LambdaConfig}', ($2::text)::jsonb) WHERE id = $1")
                .execute(Tuple.of(poolId, lambdaConfig)).await().indefinitely();
        // written past the service, which read the pool for the sign-in above: told as a write path tells it
        settingsCache.poolChanged(poolId);
    }

    private static void assertRefused(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CognitoIdentityProviderException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnexpectedLambdaException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }
}
