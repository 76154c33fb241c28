package dev.cognate.userpool.compat;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordHistoryPolicyViolationException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ChangePassword through the AWS SDK for Java v2 with a signed-in user's access token, and the pool's password history as
 * ChangePassword, AdminSetUserPassword and ConfirmForgotPassword enforce it.
 */
@QuarkusTest
class PasswordChangeTest extends CognitoIdpTest {

    private static final String FIRST = "First-pass#1";
    private static final String SECOND = "Second-pass#2";
    private static final String THIRD = "Third-pass#3";
    private static final String HISTORY_MESSAGE = "The password you entered has been used before. Choose a different password.";

    @Inject
    Pool db;

    private CognitoIdentityProviderClient app;

    @BeforeEach
    void connectApp() {
        app = CognitoIdpClients.anonymous(endpoint);
    }

    @AfterEach
    void closeApp() {
        app.close();
    }

    private String pool(int historySize) {
        return cognito.createUserPool(r -> r.poolName("password-change " + unique())
                .policies(p -> p.passwordPolicy(pp -> pp.minimumLength(8).requireLowercase(true).requireUppercase(true).requireNumbers(true)
                        .requireSymbols(true).passwordHistorySize(historySize)))).userPool().id();
    }

    private String client(String poolId) {
        return cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app").explicitAuthFlows(
                ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient().clientId();
    }

    private void createUser(String poolId, String username) {
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS).userAttributes(
                AttributeType.builder().name("email").value(username + "@example.com").build(),
                AttributeType.builder().name("email_verified").value("true").build()));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(FIRST).permanent(true));
    }

    private InitiateAuthResponse signIn(String clientId, String username, String password) {
        return app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
    }

    private void changePassword(String token, String previous, String proposed) {
        app.changePassword(r -> r.accessToken(token).previousPassword(previous).proposedPassword(proposed));
    }

    @Test
    void changesThePasswordAndOnlyTheNewOneSignsIn() {
        String poolId = pool(0);
        String clientId = client(poolId);
        createUser(poolId, "alice");
        String token = signIn(clientId, "alice", FIRST).authenticationResult().accessToken();

        changePassword(token, FIRST, SECOND);

        assertThat(OutboxRows.forPool(db, poolId, "username")).extracting(OutboxRows.Row::type).last()
                .isEqualTo(UserPoolEvents.USER_PASSWORD_SET.name());
        assertThat(signIn(clientId, "alice", SECOND).authenticationResult().accessToken()).isNotBlank();
        assertThatThrownBy(() -> signIn(clientId, "alice", FIRST))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        changePassword(token, SECOND, SECOND);
        long history = db.preparedQuery("SELECT count(*) FROM password_history WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(history).as("without a history size nothing is kept and a password may be reused").isZero();
    }

    @Test
    void refusesAWrongPreviousPasswordAndCountsItTowardsTheLockout() {
        String poolId = pool(0);
        String clientId = client(poolId);
        createUser(poolId, "bob");
        String token = signIn(clientId, "bob", FIRST).authenticationResult().accessToken();

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> changePassword(token, "Wrong-pass#9", SECOND))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        }

        assertThatThrownBy(() -> signIn(clientId, "bob", FIRST))
                .as("five wrong previous passwords lock sign-in like five wrong sign-ins")
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Password attempts exceeded");
        assertThat(OutboxRows.forPool(db, poolId, "authFlow")).filteredOn(row -> row.type().equals(UserPoolEvents.USER_SIGN_IN_FAILED.name()))
                .extracting(OutboxRows.Row::subjectOfData).contains("ChangePassword");
    }

    @Test
    void refusesAProposedPasswordThePolicyRejects() {
        String poolId = pool(0);
        String clientId = client(poolId);
        createUser(poolId, "carol");
        String token = signIn(clientId, "carol", FIRST).authenticationResult().accessToken();

        assertThatThrownBy(() -> changePassword(token, FIRST, "weakpassword"))
                .isInstanceOf(InvalidPasswordException.class).hasMessageStartingWith("Password did not conform with policy");
        assertThat(signIn(clientId, "carol", FIRST).authenticationResult()).isNotNull();
    }

    @Test
    void passwordHistoryRefusesReuseInChangePasswordAdminSetUserPasswordAndConfirmForgotPassword() {
        String poolId = pool(2);
        String clientId = client(poolId);
        createUser(poolId, "dave");
        String token = signIn(clientId, "dave", FIRST).authenticationResult().accessToken();

        assertThatThrownBy(() -> changePassword(token, FIRST, FIRST))
                .isInstanceOf(PasswordHistoryPolicyViolationException.class).hasMessageStartingWith(HISTORY_MESSAGE);
        changePassword(token, FIRST, SECOND);
        assertThatThrownBy(() -> changePassword(token, SECOND, FIRST))
                .isInstanceOf(PasswordHistoryPolicyViolationException.class).hasMessageStartingWith(HISTORY_MESSAGE);
        changePassword(token, SECOND, THIRD);

        assertThatThrownBy(() -> cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("dave").password(SECOND).permanent(true)))
                .isInstanceOf(PasswordHistoryPolicyViolationException.class).hasMessageStartingWith(HISTORY_MESSAGE);
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("dave").password(FIRST).permanent(true));

        app.forgotPassword(r -> r.clientId(clientId).username("dave"));
        String code = Mailbox.latest(db, poolId, "dave@example.com").code();
        assertThatThrownBy(() -> app.confirmForgotPassword(r -> r.clientId(clientId).username("dave").confirmationCode(code).password(THIRD)))
                .isInstanceOf(PasswordHistoryPolicyViolationException.class).hasMessageStartingWith(HISTORY_MESSAGE);
        app.confirmForgotPassword(r -> r.clientId(clientId).username("dave").confirmationCode(code).password(SECOND));

        assertThat(signIn(clientId, "dave", SECOND).authenticationResult()).isNotNull();
        long kept = db.preparedQuery("SELECT count(*) FROM password_history WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(kept).as("only the last PasswordHistorySize hashes are kept").isEqualTo(2);
    }
}
