package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.SignedJson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordHistoryPolicyViolationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one write path for users and passwords, seen through the AWS SDK for Java v2: a password set by any action — SignUp,
 * AdminCreateUser and its RESEND, AdminSetUserPassword, ConfirmForgotPassword, ChangePassword, the NEW_PASSWORD_REQUIRED
 * challenge — is usable with USER_SRP_AUTH (its SRP verifier was written with it); every password a user had counts in
 * the pool's password history, whichever path set it (imports included); and imported users publish their event.
 */
@QuarkusTest
class UserWritePathTest extends SignInFixture {

    private static final String HISTORY_MESSAGE = "The password you entered has been used before. Choose a different password.";

    @Test
    void aPasswordSetByEveryPathSignsInWithSrp() {
        anonymous.signUp(r -> r.clientId(clientId).username("sally").password("Signed-Up-Pass-1")
                .userAttributes(AttributeType.builder().name("email").value("sally@example.com").build()));
        cognito.adminConfirmSignUp(r -> r.userPoolId(poolId).username("sally"));
        assertThat(srpSignIn("sally", "Signed-Up-Pass-1").authenticationResult().accessToken()).as("SignUp").isNotBlank();

        createUser("tom", false);
        RespondToAuthChallengeResponse newPasswordRequired = srpSignIn("tom", "Temporary-Pass-1");
        assertThat(newPasswordRequired.challengeName()).as("AdminCreateUser").isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(newPasswordRequired.session()).challengeResponses(Map.of("USERNAME", "tom", "NEW_PASSWORD", "Chosen-Pass-2")));
        assertThat(srpSignIn("tom", "Chosen-Pass-2").authenticationResult().accessToken()).as("NEW_PASSWORD_REQUIRED").isNotBlank();

        createUser("uma", false);
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("uma").messageAction(MessageActionType.RESEND)
                .temporaryPassword("Resent-Pass-3"));
        assertThat(srpSignIn("uma", "Resent-Pass-3").challengeName()).as("AdminCreateUser RESEND").isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("uma").password("Temporary-Again-4").permanent(false));
        assertThat(srpSignIn("uma", "Temporary-Again-4").challengeName()).as("AdminSetUserPassword, temporary")
                .isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);

        createUser("vic", true);
        anonymous.forgotPassword(r -> r.clientId(clientId).username("vic"));
        String code = Mailbox.latest(db, poolId, "vic@example.com").code();
        anonymous.confirmForgotPassword(r -> r.clientId(clientId).username("vic").confirmationCode(code).password("Recovered-Pass-5"));
        RespondToAuthChallengeResponse recovered = srpSignIn("vic", "Recovered-Pass-5");
        assertThat(recovered.authenticationResult().accessToken()).as("ConfirmForgotPassword").isNotBlank();

        anonymous.changePassword(r -> r.accessToken(recovered.authenticationResult().accessToken())
                .previousPassword("Recovered-Pass-5").proposedPassword("Changed-Pass-6"));
        assertThat(srpSignIn("vic", "Changed-Pass-6").authenticationResult().accessToken()).as("ChangePassword").isNotBlank();
        assertThatThrownBy(() -> srpSignIn("vic", "Recovered-Pass-5")).as("the previous verifier is gone")
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
    }

    @Test
    void theHistoryHoldsThePasswordsSignUpAndTheNewPasswordChallengeSet() {
        usePoolWithHistory(3);
        anonymous.signUp(r -> r.clientId(clientId).username("wes").password("First-Pass-1")
                .userAttributes(AttributeType.builder().name("email").value("wes@example.com").build()));
        cognito.adminConfirmSignUp(r -> r.userPoolId(poolId).username("wes"));
        String token = passwordAuth(clientId, "wes", "First-Pass-1").authenticationResult().accessToken();
        anonymous.changePassword(r -> r.accessToken(token).previousPassword("First-Pass-1").proposedPassword("Second-Pass-2"));
        assertThatThrownBy(() -> anonymous.changePassword(r -> r.accessToken(token).previousPassword("Second-Pass-2")
                .proposedPassword("First-Pass-1")))
                .as("the password SignUp set is in the history").isInstanceOf(PasswordHistoryPolicyViolationException.class)
                .hasMessageStartingWith(HISTORY_MESSAGE);

        createUser("xena", false);
        InitiateAuthResponse challenge = passwordAuth(clientId, "xena", "Temporary-Pass-1");
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(challenge.session()).challengeResponses(Map.of("USERNAME", "xena", "NEW_PASSWORD", "Chosen-Pass-3")));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("xena").password("Later-Pass-4").permanent(true));
        assertThatThrownBy(() -> cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("xena").password("Chosen-Pass-3")
                .permanent(true)))
                .as("the password the NEW_PASSWORD_REQUIRED challenge set is in the history")
                .isInstanceOf(PasswordHistoryPolicyViolationException.class).hasMessageStartingWith(HISTORY_MESSAGE);
    }

    @Test
    void anImportedUserPublishesItsEventKeepsItsPasswordInTheHistoryAndGetsAVerifierWithItsNextPassword() {
        usePoolWithHistory(2);
        createUser("yuri", true);

        Response exported = SignedJson.callTarget(endpoint, "CognateAdmin.ExportUserPool",
                JSON.createObjectNode().put("UserPoolId", poolId).put("MaxUsers", 60).toString());
        exported.then().statusCode(200);
        ObjectNode request = JSON.createObjectNode().put("Lines", exported.jsonPath().getString("Lines")).put("PoolName", "imported " + unique());
        Response imported = SignedJson.callTarget(endpoint, "CognateAdmin.ImportUserPool", request.toString());
        imported.then().statusCode(200);
        String newPoolId = imported.jsonPath().getString("UserPoolId");
        String newClientId = imported.jsonPath().getMap("ClientIds").get(clientId).toString();

        assertThat(OutboxRows.forPool(db, newPoolId, "username"))
                .contains(new OutboxRows.Row(UserPoolEvents.USER_CREATED.name(), newPoolId + "/" + sub(newPoolId, "yuri"), "yuri"));
        assertThat(count("SELECT count(*) FROM password_history WHERE user_pool_id = $1", newPoolId))
                .as("the imported hash is the first entry of the user's history").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM srp_verifiers WHERE user_pool_id = $1", newPoolId))
                .as("a pool file holds no password, so no SRP verifier").isZero();

        cognito.adminSetUserPassword(r -> r.userPoolId(newPoolId).username("yuri").password("Imported-Then-Set-1").permanent(true));
        assertThatThrownBy(() -> cognito.adminSetUserPassword(r -> r.userPoolId(newPoolId).username("yuri").password(PASSWORD).permanent(true)))
                .as("the password the user had before the import is in the history")
                .isInstanceOf(PasswordHistoryPolicyViolationException.class).hasMessageStartingWith(HISTORY_MESSAGE);
        poolId = newPoolId;
        clientId = newClientId;
        assertThat(srpSignIn("yuri", "Imported-Then-Set-1").authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void aCreationRefusedHalfWayWritesNothing() {
        poolId = cognito.createUserPool(r -> r.poolName("aliases " + unique()).aliasAttributesWithStrings("email")).userPool().id();
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("zoe").messageAction(MessageActionType.SUPPRESS).userAttributes(
                AttributeType.builder().name("email").value("shared@example.com").build(),
                AttributeType.builder().name("email_verified").value("true").build()));
        long verifiers = count("SELECT count(*) FROM srp_verifiers WHERE user_pool_id = $1", poolId);
        int events = OutboxRows.forPool(db, poolId, "username").size();

        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(poolId).username("zack").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("email").value("shared@example.com").build(),
                        AttributeType.builder().name("email_verified").value("true").build())))
                .isInstanceOf(AliasExistsException.class);

        assertThat(count("SELECT count(*) FROM users WHERE user_pool_id = $1", poolId)).as("no user row").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM srp_verifiers WHERE user_pool_id = $1", poolId)).as("no SRP verifier").isEqualTo(verifiers);
        assertThat(OutboxRows.forPool(db, poolId, "username")).as("no event").hasSize(events);
    }

    /** Switches the fixture to a pool keeping {@code size} passwords of history, with the same kind of client. */
    private void usePoolWithHistory(int size) {
        poolId = cognito.createUserPool(r -> r.poolName("history " + unique())
                .policies(p -> p.passwordPolicy(pp -> pp.minimumLength(8).requireLowercase(true).requireUppercase(true).requireNumbers(true)
                        .requireSymbols(true).passwordHistorySize(size)))).userPool().id();
        clientId = newClient(List.of(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH), false);
    }

    /** USER_SRP_AUTH → PASSWORD_VERIFIER answered as amazon-cognito-identity-js does. */
    private RespondToAuthChallengeResponse srpSignIn(String username, String password) {
        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", username, "SRP_A", srp.srpA())));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
        return anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(challenge.session()).challengeResponses(answer(srp, challenge.challengeParameters(), password)));
    }

    private String sub(String userPoolId, String username) {
        return db.preparedQuery("SELECT sub FROM users WHERE user_pool_id = $1 AND username = $2").execute(Tuple.of(userPoolId, username))
                .await().indefinitely().iterator().next().getUUID(0).toString();
    }

    private long count(String sql, String userPoolId) {
        return db.preparedQuery(sql).execute(Tuple.of(userPoolId)).await().indefinitely().iterator().next().getLong(0);
    }
}
