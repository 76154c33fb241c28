package dev.cognate.identitypool.compat;

import dev.cognate.events.IdentityPoolEvents;
import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.LocalUserPoolIssuer;
import dev.cognate.identitypool.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityException;
import software.amazon.awssdk.services.cognitoidentity.model.DeleteIdentitiesResponse;
import software.amazon.awssdk.services.cognitoidentity.model.IdentityDescription;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceConflictException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The end and the merging of identities through the AWS SDK v2: DeleteIdentities, UnlinkIdentity, identities merged when
 * a caller proves logins linked to different identities (GetId, GetCredentialsForIdentity, GetOpenIdToken), and the
 * disabled identities that merging and unlinking the last login leave, refused and hidden by {@code HideDisabled}.
 */
@QuarkusTest
class IdentityLifecycleTest {

    static final String USER_POOL = "us-east-1_Lifecycle1";
    static final String OTHER_POOL = "us-east-1_Lifecycle2";
    static final String CLIENT = "lifecycleclient1";
    static final String LOGINS_DONT_MATCH = "Logins don't match. Please include at least one valid login for this identity or identity pool.";

    @TestHTTPResource("/")
    URL endpoint;

    @Inject
    AgroalDataSource dataSource;

    LocalUserPoolIssuer issuer;
    CognitoIdentityClient operator;
    CognitoIdentityClient anonymous;
    String provider;
    String otherProvider;

    @BeforeEach
    void clients() {
        issuer = LocalUserPoolIssuer.get();
        provider = issuer.providerName(USER_POOL);
        otherProvider = "cognito-idp.us-east-1.amazonaws.com/" + OTHER_POOL;
        operator = CognitoIdentityClients.operator(endpoint);
        anonymous = CognitoIdentityClients.anonymous(endpoint);
    }

    @AfterEach
    void close() {
        operator.close();
        anonymous.close();
    }

    String pool() {
        String pool = operator.createIdentityPool(r -> r.identityPoolName("lifecycle-" + UUID.randomUUID().toString().substring(0, 8))
                .allowUnauthenticatedIdentities(true).allowClassicFlow(true)
                .cognitoIdentityProviders(p -> p.providerName(provider).clientId(CLIENT), p -> p.providerName(otherProvider).clientId(CLIENT)))
                .identityPoolId();
        operator.setIdentityPoolRoles(r -> r.identityPoolId(pool).roles(Map.of(
                "authenticated", "arn:aws:iam::123456789012:role/Lifecycle_Auth", "unauthenticated", "arn:aws:iam::123456789012:role/Lifecycle_Guest")));
        return pool;
    }

    Map<String, String> login(String sub) {
        return Map.of(provider, issuer.idToken(USER_POOL, CLIENT, sub));
    }

    Map<String, String> otherLogin(String sub) {
        return Map.of(otherProvider, issuer.idToken(OTHER_POOL, CLIENT, sub));
    }

    static Map<String, String> both(Map<String, String> one, Map<String, String> other) {
        Map<String, String> logins = new java.util.HashMap<>(one);
        logins.putAll(other);
        return logins;
    }

    String getId(String pool, Map<String, String> logins) {
        return anonymous.getId(r -> r.identityPoolId(pool).logins(logins)).identityId();
    }

    List<String> events(String pool) {
        return Rows.strings(dataSource, "SELECT payload::jsonb ->> 'type' FROM outbox WHERE message_key = ? ORDER BY id", pool);
    }

    List<String> listed(String pool, boolean hideDisabled) {
        return operator.listIdentities(r -> r.identityPoolId(pool).maxResults(60).hideDisabled(hideDisabled)).identities().stream()
                .map(IdentityDescription::identityId).toList();
    }

    @Test
    void deleteIdentitiesDeletesIdentitiesAndTheirLoginsAndSkipsUnknownIds() {
        String pool = pool();
        String alice = getId(pool, login("del-alice"));
        String guest = anonymous.getId(r -> r.identityPoolId(pool)).identityId();
        String kept = getId(pool, login("del-kept"));
        String unknown = "us-east-1:" + UUID.randomUUID();

        DeleteIdentitiesResponse response = operator.deleteIdentities(r -> r.identityIdsToDelete(alice, guest, unknown));

        assertThat(response.unprocessedIdentityIds()).isEmpty();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> operator.describeIdentity(r -> r.identityId(alice)))
                .awsErrorDetails().errorMessage()).isEqualTo("Identity '" + alice + "' not found.");
        assertThat(listed(pool, false)).containsExactly(kept);
        assertThat(catchThrowableOfType(ResourceNotFoundException.class,
                () -> anonymous.getCredentialsForIdentity(r -> r.identityId(guest))).awsErrorDetails().errorMessage())
                .isEqualTo("Identity '" + guest + "' not found.");
        // the login is free again: the same user gets a new identity
        assertThat(getId(pool, login("del-alice"))).isNotEqualTo(alice);
        assertThat(events(pool)).filteredOn(IdentityPoolEvents.IDENTITY_DELETED.name()::equals).hasSize(2);
    }

    @Test
    void deleteIdentitiesRefusesBadListsAndUnsignedCallsAndDeletesNothing() {
        String pool = pool();
        String alice = getId(pool, login("del-bad"));

        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.deleteIdentities(r -> r.identityIdsToDelete(List.of())))
                .awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '[]' at 'identityIdsToDelete' failed to satisfy"
                        + " constraint: Member must have length greater than or equal to 1");
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 61; i++) {
            tooMany.add(alice);
        }
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.deleteIdentities(r -> r.identityIdsToDelete(tooMany)))
                .awsErrorDetails().errorMessage()).contains("at 'identityIdsToDelete' failed to satisfy constraint: Member must have length less than or equal to 60");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.deleteIdentities(r -> r.identityIdsToDelete(alice, "not an id")))
                .awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value 'not an id' at 'identityIdsToDelete.2.member'"
                        + " failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+");
        CognitoIdentityException unsigned = catchThrowableOfType(CognitoIdentityException.class,
                () -> anonymous.deleteIdentities(r -> r.identityIdsToDelete(alice)));
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(operator.describeIdentity(r -> r.identityId(alice)).identityId()).isEqualTo(alice);
        assertThat(events(pool)).doesNotContain(IdentityPoolEvents.IDENTITY_DELETED.name());
    }

    @Test
    void unlinkIdentityRemovesLoginsAndTheLastOneDisablesTheIdentity() {
        String pool = pool();
        String identity = getId(pool, both(login("unlink-ann"), otherLogin("unlink-ann2")));
        assertThat(operator.describeIdentity(r -> r.identityId(identity)).logins()).containsExactlyInAnyOrder(provider, otherProvider);

        anonymous.unlinkIdentity(r -> r.identityId(identity).logins(login("unlink-ann")).loginsToRemove(otherProvider, "not-linked.example"));

        assertThat(operator.describeIdentity(r -> r.identityId(identity)).logins()).containsExactly(provider);
        // the unlinked login is a new identity the next time it is seen
        String fresh = getId(pool, otherLogin("unlink-ann2"));
        assertThat(fresh).isNotEqualTo(identity);

        anonymous.unlinkIdentity(r -> r.identityId(identity).logins(login("unlink-ann")).loginsToRemove(provider));

        assertThat(operator.describeIdentity(r -> r.identityId(identity)).logins()).isEmpty();
        assertThat(listed(pool, false)).contains(identity);
        assertThat(listed(pool, true)).doesNotContain(identity).contains(fresh);
        assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> anonymous.getCredentialsForIdentity(r -> r.identityId(identity)))
                .awsErrorDetails().errorMessage()).isEqualTo("Access to Identity '" + identity + "' is forbidden.");
        assertThat(catchThrowableOfType(NotAuthorizedException.class,
                () -> anonymous.getCredentialsForIdentity(r -> r.identityId(identity).logins(login("unlink-ann"))))
                .awsErrorDetails().errorMessage()).isEqualTo("Access to Identity '" + identity + "' is forbidden.");
        assertThat(events(pool)).filteredOn(IdentityPoolEvents.IDENTITY_LOGINS_UNLINKED.name()::equals).hasSize(2);
    }

    @Test
    void unlinkIdentityNeedsOneOfTheIdentitysOwnLoginsAndChangesNothingOtherwise() {
        String pool = pool();
        String identity = getId(pool, login("unlink-own"));
        getId(pool, login("unlink-eve"));

        assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> anonymous.unlinkIdentity(r -> r.identityId(identity)
                .logins(login("unlink-eve")).loginsToRemove(provider))).awsErrorDetails().errorMessage()).isEqualTo(LOGINS_DONT_MATCH);
        assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> anonymous.unlinkIdentity(r -> r.identityId(identity)
                .logins(Map.of(provider, issuer.forged(issuer.claims(USER_POOL, CLIENT, "unlink-own", c -> { })))).loginsToRemove(provider)))
                .awsErrorDetails().errorMessage()).isEqualTo("Invalid login token. Couldn't verify signed token.");
        String unknown = "us-east-1:" + UUID.randomUUID();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> anonymous.unlinkIdentity(r -> r.identityId(unknown)
                .logins(login("unlink-own")).loginsToRemove(provider))).awsErrorDetails().errorMessage())
                .isEqualTo("Identity '" + unknown + "' not found.");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> anonymous.unlinkIdentity(r -> r.identityId(identity)
                .logins(login("unlink-own")))).awsErrorDetails().errorMessage())
                .isEqualTo("1 validation error detected: Value null at 'loginsToRemove' failed to satisfy constraint: Member must not be null");

        assertThat(operator.describeIdentity(r -> r.identityId(identity)).logins()).containsExactly(provider);
        assertThat(events(pool)).doesNotContain(IdentityPoolEvents.IDENTITY_LOGINS_UNLINKED.name());
    }

    @Test
    void getIdWithLoginsOfTwoIdentitiesMergesThemIntoTheOlderAndDisablesTheOther() {
        String pool = pool();
        String older = getId(pool, login("merge-amy"));
        String newer = getId(pool, otherLogin("merge-amy2"));

        String merged = getId(pool, both(login("merge-amy"), otherLogin("merge-amy2")));

        assertThat(merged).isEqualTo(older);
        assertThat(operator.describeIdentity(r -> r.identityId(older)).logins()).containsExactlyInAnyOrder(provider, otherProvider);
        assertThat(operator.describeIdentity(r -> r.identityId(newer)).logins()).isEmpty();
        assertThat(listed(pool, true)).containsExactly(older);
        assertThat(listed(pool, false)).containsExactlyInAnyOrder(older, newer);
        // either login alone now finds the merged identity; the disabled one is refused
        assertThat(getId(pool, otherLogin("merge-amy2"))).isEqualTo(older);
        assertThat(catchThrowableOfType(NotAuthorizedException.class,
                () -> anonymous.getCredentialsForIdentity(r -> r.identityId(newer).logins(otherLogin("merge-amy2"))))
                .awsErrorDetails().errorMessage()).isEqualTo("Access to Identity '" + newer + "' is forbidden.");
        assertThat(catchThrowableOfType(NotAuthorizedException.class,
                () -> anonymous.getOpenIdToken(r -> r.identityId(newer).logins(otherLogin("merge-amy2"))))
                .awsErrorDetails().errorMessage()).isEqualTo("Access to Identity '" + newer + "' is forbidden.");
        assertThat(anonymous.getCredentialsForIdentity(r -> r.identityId(older).logins(otherLogin("merge-amy2"))).identityId()).isEqualTo(older);
        assertThat(Rows.strings(dataSource, "SELECT payload::jsonb -> 'data' ->> 'identityId' FROM outbox WHERE message_key = ?"
                + " AND payload::jsonb ->> 'type' = ?", pool, IdentityPoolEvents.IDENTITIES_MERGED.name())).containsExactly(older);
    }

    @Test
    void guestPresentingTheLoginOfAnotherIdentityIsMergedIntoIt() {
        String pool = pool();
        String user = getId(pool, login("merge-guest-user"));
        String guest = anonymous.getId(r -> r.identityPoolId(pool)).identityId();

        var response = anonymous.getCredentialsForIdentity(r -> r.identityId(guest).logins(login("merge-guest-user")));

        assertThat(response.identityId()).isEqualTo(user);
        assertThat(listed(pool, true)).containsExactly(user);
        assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> anonymous.getCredentialsForIdentity(r -> r.identityId(guest)))
                .awsErrorDetails().errorMessage()).isEqualTo("Access to Identity '" + guest + "' is forbidden.");

        String otherGuest = anonymous.getId(r -> r.identityPoolId(pool)).identityId();
        assertThat(anonymous.getOpenIdToken(r -> r.identityId(otherGuest).logins(login("merge-guest-user"))).identityId()).isEqualTo(user);
        assertThat(listed(pool, true)).containsExactly(user);
    }

    @Test
    void identitiesHoldingTwoUsersOfOneProviderAreNotMerged() {
        String pool = pool();
        String carol = getId(pool, login("conflict-carol"));
        String erin = getId(pool, both(login("conflict-erin"), otherLogin("conflict-dan")));

        ResourceConflictException conflict = catchThrowableOfType(ResourceConflictException.class,
                () -> getId(pool, both(login("conflict-carol"), otherLogin("conflict-dan"))));

        assertThat(conflict.awsErrorDetails().errorMessage()).contains("two different users of '" + provider + "'");
        assertThat(operator.describeIdentity(r -> r.identityId(carol)).logins()).containsExactly(provider);
        assertThat(operator.describeIdentity(r -> r.identityId(erin)).logins()).containsExactlyInAnyOrder(provider, otherProvider);
        assertThat(listed(pool, true)).containsExactlyInAnyOrder(carol, erin);
        assertThat(events(pool)).doesNotContain(IdentityPoolEvents.IDENTITIES_MERGED.name());
    }
}
