package dev.cognate.userpool.compat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * USER_SRP_AUTH → PASSWORD_VERIFIER with the algorithm amazon-cognito-identity-js uses ({@link SrpClient}), after a
 * password change (also between the two steps), for unknown users, users without a verifier, by sub and with a temporary
 * password.
 */
@QuarkusTest
class SrpSignInTest extends SignInFixture {

    @Test
    void srpSignInWithTheJavascriptLibrarysAlgorithm() throws Exception {
        String sub = createUser("quinn", true);
        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "quinn", "SRP_A", srp.srpA())));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
        Map<String, String> parameters = challenge.challengeParameters();
        assertThat(parameters).containsKeys("SALT", "SRP_B", "SECRET_BLOCK", "USER_ID_FOR_SRP", "USERNAME");
        assertThat(parameters.get("USER_ID_FOR_SRP")).isEqualTo("quinn");

        RespondToAuthChallengeResponse answered = anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER).session(challenge.session())
                .challengeResponses(answer(srp, parameters, PASSWORD)));
        assertThat(verify(answered.authenticationResult().idToken(), clientId).getSubject()).isEqualTo(sub);
        assertThat(OutboxRows.forPool(db, poolId, "authFlow")).anyMatch(row -> "USER_SRP_AUTH".equals(row.subjectOfData()));

        SrpClient wrong = new SrpClient(poolId);
        InitiateAuthResponse second = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "quinn", "SRP_A", wrong.srpA())));
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER).session(second.session())
                .challengeResponses(answer(wrong, second.challengeParameters(), "Wrong-Pass-1"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        assertThat(db.preparedQuery("SELECT failures FROM sign_in_failures WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getInteger(0)).isEqualTo(1);
    }

    @Test
    void srpAfterAPasswordChangeAndForUnknownUsers() {
        createUser("rita", true);
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("rita").password("Changed-Pass-7").permanent(true));
        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "rita", "SRP_A", srp.srpA())));
        assertThat(anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(challenge.session()).challengeResponses(answer(srp, challenge.challengeParameters(), "Changed-Pass-7")))
                .authenticationResult().accessToken()).isNotBlank();

        SrpClient ghost = new SrpClient(poolId);
        InitiateAuthResponse decoy = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "ghost", "SRP_A", ghost.srpA())));
        assertThat(decoy.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(decoy.session()).challengeResponses(answer(ghost, decoy.challengeParameters(), "Whatever-1"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");

        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "rita", "SRP_A", SrpClient.N.toString(16)))))
                .isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void srpWithATemporaryPasswordLeadsToNewPasswordRequired() {
        createUser("sam", false);
        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "sam", "SRP_A", srp.srpA())));
        RespondToAuthChallengeResponse next = anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER).session(challenge.session())
                .challengeResponses(answer(srp, challenge.challengeParameters(), "Temporary-Pass-1")));
        assertThat(next.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        RespondToAuthChallengeResponse done = anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(next.session())
                .challengeResponses(Map.of("USERNAME", "sam", "NEW_PASSWORD", "Brand-New-Pass-2")));
        assertThat(done.authenticationResult().idToken()).isNotBlank();
    }

    @Test
    void aPasswordChangedBetweenTheTwoStepsFailsTheSignIn() {
        createUser("tess", true);
        SrpClient before = new SrpClient(poolId);
        InitiateAuthResponse first = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "tess", "SRP_A", before.srpA())));
        SrpClient other = new SrpClient(poolId);
        InitiateAuthResponse second = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "tess", "SRP_A", other.srpA())));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("tess").password("Changed-Pass-8").permanent(true));

        // the second step checks against the verifier of the password as it is now, not the one the first step read
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(first.session()).challengeResponses(answer(before, first.challengeParameters(), PASSWORD))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        // and the new password cannot answer a challenge made with the old verifier's salt and B
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(second.session()).challengeResponses(answer(other, second.challengeParameters(), "Changed-Pass-8"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");

        SrpClient after = new SrpClient(poolId);
        InitiateAuthResponse fresh = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "tess", "SRP_A", after.srpA())));
        assertThat(anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(fresh.session()).challengeResponses(answer(after, fresh.challengeParameters(), "Changed-Pass-8")))
                .authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void srpSignInBySubReadsTheUserThenItsVerifier() throws Exception {
        String sub = createUser("uma", true);
        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", sub, "SRP_A", srp.srpA())));
        assertThat(challenge.challengeParameters()).containsEntry("USER_ID_FOR_SRP", "uma").containsEntry("USERNAME", "uma");
        RespondToAuthChallengeResponse answered = anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER).session(challenge.session())
                .challengeResponses(answer(srp, challenge.challengeParameters(), PASSWORD)));
        assertThat(verify(answered.authenticationResult().idToken(), clientId).getSubject()).isEqualTo(sub);
    }

    @Test
    void aUserWithoutAVerifierGetsADecoyAndFails() {
        String sub = createUser("vera", true);
        db.preparedQuery("DELETE FROM srp_verifiers WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, java.util.UUID.fromString(sub))).await().indefinitely();
        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse decoy = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "vera", "SRP_A", srp.srpA())));
        assertThat(decoy.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(decoy.session()).challengeResponses(answer(srp, decoy.challengeParameters(), PASSWORD))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
    }
}
