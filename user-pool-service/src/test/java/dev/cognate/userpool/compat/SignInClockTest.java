package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sign-in engine's time rules follow the service's clock (moved here with {@link MovableClock}), through the AWS SDK:
 * a lockout (2^(n−5) s from the fifth consecutive failure) ends when the clock passes it, the failure count starts again
 * after 15 idle minutes, and a challenge's {@code Session} expires after the client's {@code AuthSessionValidity}.
 */
@QuarkusTest
class SignInClockTest extends CognitoIdpTest {

    private static final String PASSWORD = "Correct-Horse-9";
    private static final String WRONG = "Wrong-Pass-1";

    @Inject
    MovableClock clock;

    private CognitoIdentityProviderClient app;
    private String poolId;
    private String clientId;

    @BeforeEach
    void createPoolAndClient() {
        app = CognitoIdpClients.anonymous(endpoint);
        poolId = newPool("sign-in clock");
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app").authSessionValidity(5)
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
    }

    @AfterEach
    void putTimeBack() {
        clock.reset();
        app.close();
    }

    @Test
    void aLockoutEndsWhenTheClockPassesIt() {
        createUser("lou");
        failTimes("lou", 10);
        // The tenth consecutive failure locks for 2^5 = 32 s: the right password is refused until the clock passes that.
        assertThatThrownBy(() -> signIn("lou", PASSWORD)).isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("Password attempts exceeded");

        clock.advance(Duration.ofSeconds(33));

        assertThat(signIn("lou", PASSWORD).authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void failuresAfterFifteenIdleMinutesCountFromOneAgain() {
        createUser("ida");
        failTimes("ida", 9);

        // Past the lock (16 s) and 15 idle minutes: the next failure is the first again, which locks nothing, where
        // a tenth consecutive one would lock for 32 s.
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThatThrownBy(() -> signIn("ida", WRONG)).isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("Incorrect username or password.");

        assertThat(signIn("ida", PASSWORD).authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void aChallengeSessionLivesForTheClientsAuthSessionValidity() {
        createUserWithTemporaryPassword("tia");
        InitiateAuthResponse challenge = signIn("tia", "Temporary-Pass-1");
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);

        clock.advance(Duration.ofMinutes(5).minusSeconds(10));

        RespondToAuthChallengeResponse answered = answerNewPassword("tia", challenge.session());
        assertThat(answered.authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void aChallengeSessionExpiresWhenTheClockPassesAuthSessionValidity() {
        createUserWithTemporaryPassword("tom");
        InitiateAuthResponse challenge = signIn("tom", "Temporary-Pass-1");
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThatThrownBy(() -> answerNewPassword("tom", challenge.session())).isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("Invalid session for the user, session is expired.");
    }

    /** {@code count} consecutive wrong passwords a minute apart, each after any lock the previous one set has passed. */
    private void failTimes(String username, int count) {
        for (int attempt = 1; attempt <= count; attempt++) {
            assertThatThrownBy(() -> signIn(username, WRONG)).isInstanceOf(NotAuthorizedException.class)
                    .hasMessageStartingWith("Incorrect username or password.");
            if (attempt < count) {
                clock.advance(Duration.ofMinutes(1));
            }
        }
    }

    private void createUser(String username) {
        createUserWithTemporaryPassword(username);
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
    }

    private void createUserWithTemporaryPassword(String username) {
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS)
                .temporaryPassword("Temporary-Pass-1"));
    }

    private InitiateAuthResponse signIn(String username, String password) {
        return app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
    }

    private RespondToAuthChallengeResponse answerNewPassword(String username, String session) {
        return app.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(session).challengeResponses(Map.of("USERNAME", username, "NEW_PASSWORD", PASSWORD)));
    }
}
