package dev.cognate.userpool.compat;

import dev.cognate.userpool.password.JavaArgon2;
import dev.cognate.userpool.password.PasswordHasher;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A password hash made with other Argon2id parameters than the configured ones (an older setting, an imported hash) is
 * replaced at the next successful password sign-in by a hash of the same password with the configured parameters; the
 * user's row otherwise, its SRP verifier and its events stay as they were.
 */
@QuarkusTest
class PasswordRehashTest extends SignInFixture {

    /** A weaker setting the pool's users were hashed with before (OWASP's m = 7 MiB, t = 5 shape, smaller for speed). */
    private static final PasswordHasher OLD_SETTING = new PasswordHasher(new JavaArgon2(), 8192, 1, 1);

    @ConfigProperty(name = "cognate.passwords.argon2-memory-kib")
    int memoryKiB;

    @ConfigProperty(name = "cognate.passwords.argon2-iterations")
    int iterations;

    @Test
    void aCorrectPasswordSignInRehashesAnOutdatedHashAndTouchesNothingElse() throws Exception {
        String sub = createUser("olga", true);
        String oldHash = OLD_SETTING.hash(PASSWORD);
        db.preparedQuery("UPDATE users SET password_hash = $3 WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, UUID.fromString(sub), oldHash)).await().indefinitely();
        Row before = userRow(sub);
        Row verifierBefore = verifierRow(sub);
        int eventsBefore = OutboxRows.forPool(db, poolId, "reason").size();

        assertThatThrownBy(() -> passwordAuth(clientId, "olga", "Wrong-Pass-1"))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        assertThat(userRow(sub).getString("password_hash")).as("a wrong password rehashes nothing").isEqualTo(oldHash);

        InitiateAuthResponse signedIn = passwordAuth(clientId, "olga", PASSWORD);
        assertThat(verify(signedIn.authenticationResult().idToken(), clientId).getSubject()).isEqualTo(sub);

        Row after = userRow(sub);
        String newHash = after.getString("password_hash");
        assertThat(newHash).startsWith("$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=1$");
        assertThat(PasswordHasher.DEFAULT.verify(PASSWORD, newHash)).isTrue();
        assertThat(PasswordHasher.DEFAULT.verify("Wrong-Pass-1", newHash)).isFalse();
        for (String column : List.of("status", "password_changed_at", "last_modified_at", "attributes")) {
            assertThat(String.valueOf(after.getValue(column))).as(column).isEqualTo(String.valueOf(before.getValue(column)));
        }
        Row verifierAfter = verifierRow(sub);
        for (String column : List.of("salt", "verifier", "updated_at")) {
            assertThat(String.valueOf(verifierAfter.getValue(column))).as("SRP verifier " + column)
                    .isEqualTo(String.valueOf(verifierBefore.getValue(column)));
        }
        List<OutboxRows.Row> events = OutboxRows.forPool(db, poolId, "reason");
        assertThat(events.subList(eventsBefore, events.size())).extracting(OutboxRows.Row::type)
                .as("no password event: the password did not change")
                .doesNotContain("cognate.userpool.user.password.set.v1")
                .contains("cognate.userpool.user.sign_in_failed.v1");

        // Signs in with the new hash, and does not rehash a current one again.
        passwordAuth(clientId, "olga", PASSWORD);
        assertThat(userRow(sub).getString("password_hash")).isEqualTo(newHash);

        // SRP still works: its verifier never depended on the Argon2id hash.
        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "olga", "SRP_A", srp.srpA())));
        assertThat(anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(challenge.session()).challengeResponses(answer(srp, challenge.challengeParameters(), PASSWORD)))
                .authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void aCorrectPasswordOfADisabledUserIsRehashedButTheSignInStillRefused() {
        // The password was proven, so its hash is brought up to date; the account's state refuses the sign-in as before.
        String sub = createUser("pavel", true);
        String oldHash = OLD_SETTING.hash(PASSWORD);
        db.preparedQuery("UPDATE users SET password_hash = $3 WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, UUID.fromString(sub), oldHash)).await().indefinitely();
        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("pavel"));

        assertThatThrownBy(() -> passwordAuth(clientId, "pavel", PASSWORD))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("User is disabled.");
        String newHash = userRow(sub).getString("password_hash");
        assertThat(newHash).isNotEqualTo(oldHash).startsWith("$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=1$");
        assertThat(userRow(sub).getBoolean("enabled")).isFalse();
    }

    private Row userRow(String sub) {
        return db.preparedQuery("SELECT password_hash, status, password_changed_at, last_modified_at, attributes::text AS attributes, enabled"
                        + " FROM users WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, UUID.fromString(sub))).await().indefinitely().iterator().next();
    }

    private Row verifierRow(String sub) {
        return db.preparedQuery("SELECT salt, verifier, updated_at FROM srp_verifiers WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, UUID.fromString(sub))).await().indefinitely().iterator().next();
    }
}
