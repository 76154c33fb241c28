package dev.cognate.userpool.compat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFactorType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.FeatureUnavailableInTierException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserAuthFactorsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolTierType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Choice-based sign-in (AuthFlow USER_AUTH) with the AWS SDK for Java v2: PREFERRED_CHALLENGE PASSWORD and
 * PASSWORD_SRP, SELECT_CHALLENGE with AvailableChallenges answered PASSWORD or PASSWORD_SRP, GetUserAuthFactors, and
 * the refusals — an ANSWER not offered, a replayed session, wrong passwords on the lockout, an unknown user, a client
 * without ALLOW_USER_AUTH, a LITE pool.
 */
@QuarkusTest
class UserAuthFlowTest extends SignInFixture {

    String userAuthClient;

    @BeforeEach
    void userAuthClient() {
        userAuthClient = newClient(List.of(ExplicitAuthFlowsType.ALLOW_USER_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH), false);
    }

    private InitiateAuthResponse userAuth(String client, Map<String, String> parameters) {
        return anonymous.initiateAuth(r -> r.clientId(client).authFlow(AuthFlowType.USER_AUTH).authParameters(parameters));
    }

    private RespondToAuthChallengeResponse select(String session, Map<String, String> responses) {
        return anonymous.respondToAuthChallenge(r -> r.clientId(userAuthClient).challengeName(ChallengeNameType.SELECT_CHALLENGE)
                .session(session).challengeResponses(responses));
    }

    private int failures() {
        var rows = db.preparedQuery("SELECT failures FROM sign_in_failures WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely();
        return rows.size() == 0 ? 0 : rows.iterator().next().getInteger(0);
    }

    @Test
    void preferredPasswordSignsInAtOnceThroughInitiateAuthAndAdminInitiateAuth() throws Exception {
        String sub = createUser("ursula", true);
        InitiateAuthResponse signedIn = userAuth(userAuthClient, Map.of("USERNAME", "ursula", "PREFERRED_CHALLENGE", "PASSWORD",
                "PASSWORD", PASSWORD));
        assertThat(signedIn.challengeName()).isNull();
        assertThat(signedIn.availableChallenges()).isEmpty();
        assertThat(verify(signedIn.authenticationResult().idToken(), userAuthClient).getSubject()).isEqualTo(sub);
        assertThat(OutboxRows.forPool(db, poolId, "authFlow")).anyMatch(row -> "USER_AUTH".equals(row.subjectOfData()));

        AdminInitiateAuthResponse admin = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(userAuthClient)
                .authFlow(AuthFlowType.USER_AUTH).authParameters(Map.of("USERNAME", "ursula", "PREFERRED_CHALLENGE", "PASSWORD",
                        "PASSWORD", PASSWORD)));
        assertThat(verify(admin.authenticationResult().accessToken(), null).getSubject()).isEqualTo(sub);

        // the refresh token of a USER_AUTH sign-in works as any other
        assertThat(anonymous.initiateAuth(r -> r.clientId(userAuthClient).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", signedIn.authenticationResult().refreshToken())))
                .authenticationResult().idToken()).isNotBlank();
    }

    @Test
    void preferredPasswordSrpAsksThePasswordVerifierOfUserSrpAuth() throws Exception {
        String sub = createUser("victor", true);
        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse challenge = userAuth(userAuthClient, Map.of("USERNAME", "victor", "PREFERRED_CHALLENGE", "PASSWORD_SRP",
                "SRP_A", srp.srpA()));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
        assertThat(challenge.challengeParameters()).containsKeys("SALT", "SRP_B", "SECRET_BLOCK", "USER_ID_FOR_SRP", "USERNAME");
        RespondToAuthChallengeResponse answered = anonymous.respondToAuthChallenge(r -> r.clientId(userAuthClient)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER).session(challenge.session())
                .challengeResponses(answer(srp, challenge.challengeParameters(), PASSWORD)));
        assertThat(verify(answered.authenticationResult().idToken(), userAuthClient).getSubject()).isEqualTo(sub);
    }

    @Test
    void withoutAPreferenceTheUserSelectsAChallenge() throws Exception {
        String sub = createUser("wanda", true);
        InitiateAuthResponse choice = userAuth(userAuthClient, Map.of("USERNAME", "wanda"));
        assertThat(choice.challengeName()).isEqualTo(ChallengeNameType.SELECT_CHALLENGE);
        assertThat(choice.availableChallenges()).containsExactly(ChallengeNameType.PASSWORD, ChallengeNameType.PASSWORD_SRP);
        assertThat(choice.challengeParameters()).isEmpty();
        assertThat(choice.session()).isNotBlank();

        RespondToAuthChallengeResponse byPassword = select(choice.session(), Map.of("USERNAME", "wanda", "ANSWER", "PASSWORD",
                "PASSWORD", PASSWORD));
        assertThat(verify(byPassword.authenticationResult().idToken(), userAuthClient).getSubject()).isEqualTo(sub);

        InitiateAuthResponse again = userAuth(userAuthClient, Map.of("USERNAME", "wanda"));
        SrpClient srp = new SrpClient(poolId);
        RespondToAuthChallengeResponse verifier = select(again.session(), Map.of("USERNAME", "wanda", "ANSWER", "PASSWORD_SRP",
                "SRP_A", srp.srpA()));
        assertThat(verifier.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
        RespondToAuthChallengeResponse bySrp = anonymous.respondToAuthChallenge(r -> r.clientId(userAuthClient)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER).session(verifier.session())
                .challengeResponses(answer(srp, verifier.challengeParameters(), PASSWORD)));
        assertThat(verify(bySrp.authenticationResult().idToken(), userAuthClient).getSubject()).isEqualTo(sub);
    }

    @Test
    void aPreferredChallengeTheUserCannotUseFallsBackToTheChoice() {
        createUser("xena", true);
        // the pool allows only PASSWORD: a preferred EMAIL_OTP is not available, so the user chooses
        InitiateAuthResponse choice = userAuth(userAuthClient, Map.of("USERNAME", "xena", "PREFERRED_CHALLENGE", "EMAIL_OTP"));
        assertThat(choice.challengeName()).isEqualTo(ChallengeNameType.SELECT_CHALLENGE);
        assertThat(choice.availableChallenges()).containsExactly(ChallengeNameType.PASSWORD, ChallengeNameType.PASSWORD_SRP);
    }

    @Test
    void anAnswerNotOfferedIsRefusedAndTheSessionStaysUsableOnce() {
        createUser("yara", true);
        InitiateAuthResponse choice = userAuth(userAuthClient, Map.of("USERNAME", "yara"));
        assertThatThrownBy(() -> select(choice.session(), Map.of("USERNAME", "yara", "ANSWER", "EMAIL_OTP")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("EMAIL_OTP");
        assertThatThrownBy(() -> select(choice.session(), Map.of("USERNAME", "yara", "ANSWER", "PASSWORD")))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("Missing required parameter PASSWORD");

        Map<String, String> right = Map.of("USERNAME", "yara", "ANSWER", "PASSWORD", "PASSWORD", PASSWORD);
        assertThat(select(choice.session(), right).authenticationResult().accessToken()).isNotBlank();
        // replayed: the session was used
        assertThatThrownBy(() -> select(choice.session(), right))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user, session is expired.");
        // a made-up session is refused the same way
        assertThatThrownBy(() -> select("not-a-session", right)).isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void wrongPasswordsCountOnTheLockoutOfEveryPasswordFlow() {
        createUser("zack", true);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThatThrownBy(() -> userAuth(userAuthClient, Map.of("USERNAME", "zack", "PREFERRED_CHALLENGE", "PASSWORD",
                    "PASSWORD", "Wrong-Pass-1")))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        }
        InitiateAuthResponse choice = userAuth(userAuthClient, Map.of("USERNAME", "zack"));
        assertThatThrownBy(() -> select(choice.session(), Map.of("USERNAME", "zack", "ANSWER", "PASSWORD", "PASSWORD", "Wrong-Pass-2")))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        // a wrong answer ends the session: the sign-in starts again
        assertThatThrownBy(() -> select(choice.session(), Map.of("USERNAME", "zack", "ANSWER", "PASSWORD", "PASSWORD", PASSWORD)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user, session is expired.");
        // the same counter as USER_PASSWORD_AUTH: the fifth failure there locks USER_AUTH too
        assertThatThrownBy(() -> passwordAuth(clientId, "zack", "Wrong-Pass-3")).isInstanceOf(NotAuthorizedException.class);
        assertThat(failures()).isEqualTo(5);
        assertThatThrownBy(() -> userAuth(userAuthClient, Map.of("USERNAME", "zack", "PREFERRED_CHALLENGE", "PASSWORD",
                "PASSWORD", PASSWORD)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Password attempts exceeded");
    }

    @Test
    void anUnknownUserIsOfferedTheSameChoiceAndThenRefusedAsAWrongPassword() {
        createUser("known", true);
        InitiateAuthResponse known = userAuth(userAuthClient, Map.of("USERNAME", "known"));
        InitiateAuthResponse ghost = userAuth(userAuthClient, Map.of("USERNAME", "ghost"));
        assertThat(ghost.challengeName()).isEqualTo(ChallengeNameType.SELECT_CHALLENGE);
        assertThat(ghost.availableChallenges()).isEqualTo(known.availableChallenges());
        assertThatThrownBy(() -> select(ghost.session(), Map.of("USERNAME", "ghost", "ANSWER", "PASSWORD", "PASSWORD", PASSWORD)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");

        InitiateAuthResponse srpGhost = userAuth(userAuthClient, Map.of("USERNAME", "ghost"));
        SrpClient srp = new SrpClient(poolId);
        RespondToAuthChallengeResponse decoy = select(srpGhost.session(), Map.of("USERNAME", "ghost", "ANSWER", "PASSWORD_SRP",
                "SRP_A", srp.srpA()));
        assertThat(decoy.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(userAuthClient)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER).session(decoy.session())
                .challengeResponses(answer(srp, decoy.challengeParameters(), PASSWORD))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");

        // PreventUserExistenceErrors LEGACY tells the app at once
        String legacy = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("legacy-" + unique())
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .preventUserExistenceErrors(PreventUserExistenceErrorTypes.LEGACY)).userPoolClient().clientId();
        assertThatThrownBy(() -> userAuth(legacy, Map.of("USERNAME", "ghost")))
                .isInstanceOf(UserNotFoundException.class).hasMessageStartingWith("User does not exist.");
    }

    @Test
    void badRequestsAreRefusedWithCognitosErrors() {
        createUser("abel", true);
        assertThatThrownBy(() -> userAuth(clientId, Map.of("USERNAME", "abel")))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("USER_AUTH flow not enabled for this client");
        assertThatThrownBy(() -> userAuth(userAuthClient, Map.of("PREFERRED_CHALLENGE", "PASSWORD")))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("Missing required parameter USERNAME");
        assertThatThrownBy(() -> userAuth(userAuthClient, Map.of("USERNAME", "abel", "PREFERRED_CHALLENGE", "SOFTWARE_TOKEN_MFA")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("PREFERRED_CHALLENGE");
        assertThatThrownBy(() -> userAuth(userAuthClient, Map.of("USERNAME", "abel", "PREFERRED_CHALLENGE", "PASSWORD")))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("Missing required parameter PASSWORD");
        assertThatThrownBy(() -> userAuth(userAuthClient, Map.of("USERNAME", "abel", "PREFERRED_CHALLENGE", "PASSWORD_SRP")))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("Missing required parameter SRP_A");
        assertThat(failures()).isZero();
    }

    @Test
    void liteTierPoolsRefuseChoiceBasedSignIn() {
        String lite = cognito.createUserPool(r -> r.poolName("lite " + unique()).userPoolTier(UserPoolTierType.LITE)).userPool().id();
        String client = cognito.createUserPoolClient(r -> r.userPoolId(lite).clientName("app")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        assertThatThrownBy(() -> userAuth(client, Map.of("USERNAME", "anyone")))
                .isInstanceOf(FeatureUnavailableInTierException.class).hasMessageContaining("LITE");
    }

    @Test
    void mfaFollowsThePasswordFactor() {
        createUser("bea", true);
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration("ON").softwareTokenMfaConfiguration(t -> t.enabled(true)));
        InitiateAuthResponse next = userAuth(userAuthClient, Map.of("USERNAME", "bea", "PREFERRED_CHALLENGE", "PASSWORD",
                "PASSWORD", PASSWORD));
        assertThat(next.challengeName()).isEqualTo(ChallengeNameType.MFA_SETUP);
        assertThat(next.authenticationResult()).isNull();
    }

    @Test
    void getUserAuthFactorsListsWhatTheUserCanSignInWith() {
        createUser("cleo", true);
        String accessToken = userAuth(userAuthClient, Map.of("USERNAME", "cleo", "PREFERRED_CHALLENGE", "PASSWORD", "PASSWORD", PASSWORD))
                .authenticationResult().accessToken();
        GetUserAuthFactorsResponse factors = anonymous.getUserAuthFactors(r -> r.accessToken(accessToken));
        assertThat(factors.username()).isEqualTo("cleo");
        assertThat(factors.configuredUserAuthFactors()).containsExactly(AuthFactorType.PASSWORD);
        assertThat(factors.preferredMfaSetting()).isNull();
        assertThat(factors.userMFASettingList()).isEmpty();

        assertThatThrownBy(() -> anonymous.getUserAuthFactors(r -> r.accessToken(accessToken + "x")))
                .isInstanceOf(NotAuthorizedException.class);
    }
}
