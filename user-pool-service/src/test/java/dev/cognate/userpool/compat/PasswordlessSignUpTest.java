package dev.cognate.userpool.compat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpResponse;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SignUp without a password (AWS SDK for Java v2): accepted, as Cognito, only in pools whose AllowedFirstAuthFactors
 * name EMAIL_OTP or SMS_OTP; the user then has no password hash and no SRP verifier, and no password flow signs it in.
 * Elsewhere a missing or blank password is refused as too short, and nothing is written.
 */
@QuarkusTest
class PasswordlessSignUpTest extends SignInFixture {

    private String pool(String... factors) {
        return cognito.createUserPool(r -> r.poolName("passwordless " + unique())
                .policies(p -> p.signInPolicy(s -> s.allowedFirstAuthFactorsWithStrings(factors)))).userPool().id();
    }

    private String client(String pool) {
        return cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("app")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_AUTH, ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient().clientId();
    }

    private Row userRow(String pool, String username) {
        var rows = db.preparedQuery("SELECT sub, password_hash FROM users WHERE user_pool_id = $1 AND username = $2")
                .execute(Tuple.of(pool, username)).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    private long verifiers(String pool) {
        return db.preparedQuery("SELECT count(*) FROM srp_verifiers WHERE user_pool_id = $1").execute(Tuple.of(pool))
                .await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aPoolWithAOneTimeCodeFactorSignsUpUsersWithoutAPassword() {
        String pool = pool("PASSWORD", "EMAIL_OTP");
        String client = client(pool);
        SignUpResponse signedUp = anonymous.signUp(r -> r.clientId(client).username("nopass")
                .userAttributes(a -> a.name("email").value("nopass@example.com")));
        assertThat(signedUp.userConfirmed()).isFalse();
        assertThat(signedUp.userSub()).isNotBlank();
        // a blank password is no password either, as Cognito
        anonymous.signUp(r -> r.clientId(client).username("blank").password("").userAttributes(a -> a.name("email").value("blank@example.com")));

        Row row = userRow(pool, "nopass");
        assertThat(row.getUUID("sub").toString()).isEqualTo(signedUp.userSub());
        assertThat(row.getString("password_hash")).isNull();
        assertThat(userRow(pool, "blank").getString("password_hash")).isNull();
        assertThat(verifiers(pool)).isZero();

        cognito.adminConfirmSignUp(r -> r.userPoolId(pool).username("nopass"));
        // no password flow signs it in: whatever password is tried, it is a wrong one
        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(client).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "nopass", "PASSWORD", PASSWORD))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        // USER_AUTH does not start the PASSWORD factor it prefers: the user has no password, so it must choose
        InitiateAuthResponse choice = anonymous.initiateAuth(r -> r.clientId(client).authFlow(AuthFlowType.USER_AUTH)
                .authParameters(Map.of("USERNAME", "nopass", "PREFERRED_CHALLENGE", "PASSWORD", "PASSWORD", PASSWORD)));
        assertThat(choice.challengeName()).isEqualTo(ChallengeNameType.SELECT_CHALLENGE);
        assertThat(choice.authenticationResult()).isNull();
    }

    @Test
    void otherPoolsRefuseAMissingPasswordAsTooShortAndWriteNothing() {
        for (List<String> factors : List.of(List.of("PASSWORD"), List.of("PASSWORD", "WEB_AUTHN"))) {
            String pool = pool(factors.toArray(String[]::new));
            String client = client(pool);
            assertThatThrownBy(() -> anonymous.signUp(r -> r.clientId(client).username("nopass")))
                    .as("factors %s", factors)
                    .isInstanceOf(InvalidPasswordException.class).hasMessageContaining("Password not long enough");
            assertThatThrownBy(() -> anonymous.signUp(r -> r.clientId(client).username("nopass").password("")))
                    .isInstanceOf(InvalidPasswordException.class).hasMessageContaining("Password not long enough");
            assertThat(userRow(pool, "nopass")).isNull();
        }
    }
}
