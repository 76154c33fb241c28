package dev.cognate.userpool.compat;

import dev.cognate.userpool.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GetUser with the access-token caches (issue 16): the verified-token cache and the user + revocation state kept per
 * instance ({@code repository/AccessTokenStandings}). Every write on this instance is seen by the next GetUser; a write
 * this instance did not make (another instance's, here a row changed by hand) within
 * {@code cognate.access-token-check.user-cache-ttl} (1 s); a key removed from the pool's set refuses its tokens at once.
 */
@QuarkusTest
class AccessTokenCachesTest extends SignInFixture {

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String signIn(String username) {
        return passwordAuth(clientId, username, PASSWORD).authenticationResult().accessToken();
    }

    private String email(String accessToken) {
        GetUserResponse user = anonymous.getUser(r -> r.accessToken(accessToken));
        return user.userAttributes().stream().filter(a -> a.name().equals("email")).map(AttributeType::value).findFirst().orElse(null);
    }

    private String givenName(String accessToken) {
        return anonymous.getUser(r -> r.accessToken(accessToken)).userAttributes().stream().filter(a -> a.name().equals("given_name"))
                .map(AttributeType::value).findFirst().orElse(null);
    }

    private void assertRefused(String accessToken, String message) {
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(accessToken)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith(message);
    }

    /** A sign-out refuses the tokens issued in the seconds before it (iat has whole seconds): wait for the next second. */
    private static void nextSecond() {
        long now = Instant.now().getEpochSecond();
        Awaitility.await().until(() -> Instant.now().getEpochSecond() > now);
    }

    @Test
    void everyAttributeChangeIsSeenByTheNextGetUser() {
        createUser("ann", true);
        String token = signIn("ann");
        assertThat(email(token)).isEqualTo("ann@example.com");
        assertThat(email(token)).isEqualTo("ann@example.com");

        cognito.adminUpdateUserAttributes(r -> r.userPoolId(poolId).username("ann")
                .userAttributes(AttributeType.builder().name("given_name").value("Ann").build()));
        assertThat(givenName(token)).isEqualTo("Ann");
        anonymous.updateUserAttributes(r -> r.accessToken(token)
                .userAttributes(AttributeType.builder().name("given_name").value("Anna").build()));
        assertThat(givenName(token)).isEqualTo("Anna");
        anonymous.deleteUserAttributes(r -> r.accessToken(token).userAttributeNames("given_name"));
        assertThat(givenName(token)).isNull();
        cognito.adminUpdateUserAttributes(r -> r.userPoolId(poolId).username("ann")
                .userAttributes(AttributeType.builder().name("given_name").value("Annie").build()));
        assertThat(givenName(token)).isEqualTo("Annie");
        cognito.adminDeleteUserAttributes(r -> r.userPoolId(poolId).username("ann").userAttributeNames("given_name"));
        assertThat(givenName(token)).isNull();
    }

    @Test
    void disablingEnablingAndDeletingAreSeenByTheNextGetUser() {
        createUser("bob", true);
        String token = signIn("bob");
        anonymous.getUser(r -> r.accessToken(token));

        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("bob"));
        assertRefused(token, "User is disabled.");
        cognito.adminEnableUser(r -> r.userPoolId(poolId).username("bob"));
        assertThat(email(token)).isEqualTo("bob@example.com");

        cognito.adminDeleteUser(r -> r.userPoolId(poolId).username("bob"));
        assertThatThrownBy(() -> anonymous.getUser(r -> r.accessToken(token)))
                .isInstanceOf(UserNotFoundException.class).hasMessageStartingWith("User does not exist.");
    }

    @Test
    void everyRevocationIsSeenByTheNextGetUser() {
        createUser("cora", true);
        AuthenticationResultType first = passwordAuth(clientId, "cora", PASSWORD).authenticationResult();
        anonymous.getUser(r -> r.accessToken(first.accessToken()));
        anonymous.revokeToken(r -> r.clientId(clientId).token(first.refreshToken()));
        assertRefused(first.accessToken(), "Access Token has been revoked");

        String second = signIn("cora");
        anonymous.getUser(r -> r.accessToken(second));
        nextSecond();
        cognito.adminUserGlobalSignOut(r -> r.userPoolId(poolId).username("cora"));
        assertRefused(second, "Access Token has been revoked");

        String third = signIn("cora");
        String fourth = signIn("cora");
        anonymous.getUser(r -> r.accessToken(third));
        anonymous.getUser(r -> r.accessToken(fourth));
        nextSecond();
        anonymous.globalSignOut(r -> r.accessToken(fourth));
        assertRefused(third, "Access Token has been revoked");
        assertRefused(fourth, "Access Token has been revoked");
    }

    @Test
    void aPasswordChangeOrResetIsSeenByTheNextGetUser() {
        createUser("dora", true);
        String token = signIn("dora");
        anonymous.getUser(r -> r.accessToken(token));
        anonymous.changePassword(r -> r.accessToken(token).previousPassword(PASSWORD).proposedPassword("Another-Horse-10"));
        assertThat(email(token)).isEqualTo("dora@example.com");
        cognito.adminResetUserPassword(r -> r.userPoolId(poolId).username("dora"));
        // Cognito keeps the tokens of a user whose password was reset valid; the user read is the one after the reset
        assertThat(email(token)).isEqualTo("dora@example.com");
    }

    @Test
    void anotherInstancesChangeIsSeenWithinTheBound() {
        String sub = createUser("eve", true);
        String token = signIn("eve");
        String other = signIn("eve");
        anonymous.getUser(r -> r.accessToken(token));
        anonymous.getUser(r -> r.accessToken(other));

        // written as another instance would: this one is not told
        db.preparedQuery("UPDATE users SET enabled = false WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, UUID.fromString(sub))).await().indefinitely();
        clock.advance(Duration.ofSeconds(1));
        assertRefused(token, "User is disabled.");

        db.preparedQuery("UPDATE users SET enabled = true WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, UUID.fromString(sub))).await().indefinitely();
        clock.advance(Duration.ofSeconds(1));
        assertThat(email(other)).isEqualTo("eve@example.com");
        db.preparedQuery("UPDATE refresh_token_families SET revoked_at = now() WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, UUID.fromString(sub))).await().indefinitely();
        clock.advance(Duration.ofSeconds(1));
        assertRefused(other, "Access Token has been revoked");
    }

    @Test
    void aKeyRemovedFromThePoolsSetRefusesItsTokensAtOnce() {
        createUser("finn", true);
        String token = signIn("finn");
        String oldKid = signingKeys.activeKey(poolId).await().indefinitely().kid();
        anonymous.getUser(r -> r.accessToken(token));

        signingKeys.rotateSigningKey(poolId).await().indefinitely();
        assertThat(email(token)).as("a retired key stays published").isEqualTo("finn@example.com");

        db.preparedQuery("DELETE FROM signing_keys WHERE user_pool_id = $1 AND kid = $2").execute(Tuple.of(poolId, oldKid))
                .await().indefinitely();
        signingKeys.reloadPublishedKeys(poolId).await().indefinitely();
        assertRefused(token, "Invalid Access Token");
        assertThat(email(signIn("finn"))).isEqualTo("finn@example.com");
    }
}
