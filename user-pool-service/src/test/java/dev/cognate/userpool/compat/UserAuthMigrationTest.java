package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.userpool.trigger.TriggerRunnerStandIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import java.util.List;
import java.util.Map;

import static dev.cognate.userpool.compat.TriggerTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PASSWORD factor of choice-based sign-in is USER_PASSWORD_AUTH's check, UserMigration included: a name the pool
 * does not know, signing in with USER_AUTH and its old password (preferred, or chosen in SELECT_CHALLENGE), is migrated
 * by the function ({@code UserMigration_Authentication}) and signed in by the same call; an old password the function
 * refuses migrates nobody and is its error, as in USER_PASSWORD_AUTH ({@code UserLambdaValidationException}).
 */
@QuarkusTest
@ExtendWith(TriggerRunnerStandIn.Running.class)
class UserAuthMigrationTest extends SignInFixture {

    private static final String LEGACY_PASSWORD = "Legacy-Pass-77";
    String userAuthClient;

    @BeforeEach
    void poolWithUserMigration() {
        cognito.updateUserPool(r -> r.userPoolId(poolId).lambdaConfig(l -> l.userMigration("https://functions.example.com/migrate")));
        userAuthClient = newClient(List.of(ExplicitAuthFlowsType.ALLOW_USER_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH), false);
        TriggerRunnerStandIn.answerWith(event -> {
            if (!LEGACY_PASSWORD.equals(event.path("request").path("password").asText(null))) {
                return Result.failed(Outcome.FUNCTION_ERROR, "Error", "Bad password");
            }
            ObjectNode answer = event.deepCopy();
            answer.set("response", json("{\"userAttributes\": {\"email\": \"" + event.path("userName").asText() + "@example.com\","
                    + " \"email_verified\": \"true\"}, \"finalUserStatus\": \"CONFIRMED\", \"messageAction\": \"SUPPRESS\"}"));
            return Result.answered(answer);
        });
    }

    private JsonNode onlyCall() {
        assertThat(TriggerRunnerStandIn.calls()).hasSize(1);
        return TriggerRunnerStandIn.calls().get(0).event();
    }

    @Test
    void aPreferredPasswordMigratesTheUnknownUser() throws Exception {
        InitiateAuthResponse signedIn = anonymous.initiateAuth(r -> r.clientId(userAuthClient).authFlow(AuthFlowType.USER_AUTH)
                .authParameters(Map.of("USERNAME", "legacy-una", "PREFERRED_CHALLENGE", "PASSWORD", "PASSWORD", LEGACY_PASSWORD)));
        assertThat(signedIn.authenticationResult().idToken()).isNotBlank();
        JsonNode event = onlyCall();
        assertThat(event.path("triggerSource").asText()).isEqualTo("UserMigration_Authentication");
        assertThat(event.path("userName").asText()).isEqualTo("legacy-una");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("legacy-una")).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
    }

    @Test
    void thePasswordChosenInSelectChallengeMigratesTooAndAWrongOneNobody() {
        InitiateAuthResponse choice = anonymous.initiateAuth(r -> r.clientId(userAuthClient).authFlow(AuthFlowType.USER_AUTH)
                .authParameters(Map.of("USERNAME", "legacy-vic")));
        assertThat(choice.challengeName()).isEqualTo(ChallengeNameType.SELECT_CHALLENGE);
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(userAuthClient).challengeName(ChallengeNameType.SELECT_CHALLENGE)
                .session(choice.session()).challengeResponses(Map.of("USERNAME", "legacy-vic", "ANSWER", "PASSWORD", "PASSWORD", "Wrong-Pass-1"))))
                .isInstanceOf(UserLambdaValidationException.class).hasMessageStartingWith("UserMigration failed with error Bad password.");
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId(poolId).username("legacy-vic"))).isInstanceOf(UserNotFoundException.class);

        InitiateAuthResponse again = anonymous.initiateAuth(r -> r.clientId(userAuthClient).authFlow(AuthFlowType.USER_AUTH)
                .authParameters(Map.of("USERNAME", "legacy-vic")));
        assertThat(anonymous.respondToAuthChallenge(r -> r.clientId(userAuthClient).challengeName(ChallengeNameType.SELECT_CHALLENGE)
                        .session(again.session()).challengeResponses(Map.of("USERNAME", "legacy-vic", "ANSWER", "PASSWORD", "PASSWORD", LEGACY_PASSWORD)))
                .authenticationResult().accessToken()).isNotBlank();
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("legacy-vic")).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
    }
}
