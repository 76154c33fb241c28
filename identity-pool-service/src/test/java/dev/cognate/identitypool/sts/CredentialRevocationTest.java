package dev.cognate.identitypool.sts;

import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.TrustedUserPoolTest;
import dev.cognate.identitypool.MovableClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Vended credentials stop working when their identity no longer stands: an operator revokes them
 * ({@code CognateAdmin.RevokeIdentityCredentials}), or the identity is gone or disabled. STS answers what AWS answers for
 * credentials that are no longer valid, {@code InvalidClientTokenId}; credentials vended after a revocation work. A
 * revoked identity's unexpired OpenID token no longer buys credentials from STS AssumeRoleWithWebIdentity.
 */
@QuarkusTest
class CredentialRevocationTest extends TrustedUserPoolTest {

    static final String USER_POOL = "us-east-1_RevokePool";
    static final String CLIENT = "revokeclient1";
    static final String AUTH = "arn:aws:iam::123456789012:role/Revocable";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MovableClock clock;

    CredentialRevocationTest() {
        super(USER_POOL);
    }

    /** An identity of a fresh pool with its login, and credentials for it. */
    String[] identity(String user) {
        String pool = identityPool("revoke", CLIENT, r -> r.allowUnauthenticatedIdentities(false), Map.of("authenticated", AUTH), null);
        String login = issuer.idToken(USER_POOL, CLIENT, user);
        String identityId = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(provider, login))).identityId();
        return new String[] {identityId, login};
    }

    Credentials credentials(String identityId, String login) {
        return anonymous.getCredentialsForIdentity(r -> r.identityId(identityId).logins(Map.of(provider, login))).credentials();
    }

    StsClient sts(Credentials credentials) {
        return CognitoIdentityClients.sts(endpoint, credentials.accessKeyId(), credentials.secretKey(), credentials.sessionToken());
    }

    void assertRefused(Credentials credentials) {
        try (StsClient sts = sts(credentials)) {
            StsException refused = catchThrowableOfType(StsException.class, sts::getCallerIdentity);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
        }
    }

    void assertAccepted(Credentials credentials) {
        try (StsClient sts = sts(credentials)) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Revocable/CognitoIdentityCredentials");
        }
    }

    @Test
    void operatorRevocationRefusesEarlierCredentialsAndLaterOnesWork() {
        String[] identity = identity("rita");
        Credentials before = credentials(identity[0], identity[1]);
        assertAccepted(before);

        HttpResponse<String> revoked = CognitoIdentityClients.signedPostToTarget(endpoint, "CognateAdmin.RevokeIdentityCredentials", "{\"IdentityId\":\"" + identity[0] + "\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.body()).contains("\"IdentityId\":\"" + identity[0] + "\"").contains("\"RevokedBefore\":");

        assertRefused(before);
        Credentials after = credentials(identity[0], identity[1]);
        assertAccepted(after);

        HttpResponse<String> unknown = CognitoIdentityClients.signedPostToTarget(endpoint, "CognateAdmin.RevokeIdentityCredentials",
                "{\"IdentityId\":\"us-east-1:00000000-0000-0000-0000-000000000000\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("ResourceNotFoundException").contains("Identity 'us-east-1:00000000-0000-0000-0000-000000000000' not found.");
    }

    @Test
    void credentialsOfAnIdentityThatIsGoneOrDisabledAreRefused() throws Exception {
        String[] gone = identity("gary");
        Credentials goneCredentials = credentials(gone[0], gone[1]);
        String[] disabled = identity("dina");
        Credentials disabledCredentials = credentials(disabled[0], disabled[1]);
        assertAccepted(goneCredentials);
        assertAccepted(disabledCredentials);

        // what DeleteIdentities and an identity's disabling do to the rows
        execute("DELETE FROM identities WHERE id = ?", gone[0]);
        execute("UPDATE identities SET disabled = true WHERE id = ?", disabled[0]);

        assertRefused(goneCredentials);
        assertRefused(disabledCredentials);
    }

    @Test
    void aRevokedIdentitysUnexpiredOpenIdTokenNoLongerBuysCredentials() {
        String pool = operator.createIdentityPool(r -> r.identityPoolName("revoke-classic-" + UUID.randomUUID().toString().substring(0, 8))
                .allowUnauthenticatedIdentities(false).allowClassicFlow(true)
                .cognitoIdentityProviders(p -> p.providerName(provider).clientId(CLIENT))).identityPoolId();
        operator.setIdentityPoolRoles(r -> r.identityPoolId(pool).roles(Map.of("authenticated", AUTH)));
        Map<String, String> logins = Map.of(provider, issuer.idToken(USER_POOL, CLIENT, "olga"));
        String identityId = anonymous.getId(r -> r.identityPoolId(pool).logins(logins)).identityId();
        String before = anonymous.getOpenIdToken(r -> r.identityId(identityId).logins(logins)).token();
        try (StsClient sts = CognitoIdentityClients.sts(endpoint)) {
            assertThat(sts.assumeRoleWithWebIdentity(r -> r.roleArn(AUTH).roleSessionName("before").webIdentityToken(before))
                    .credentials().accessKeyId()).startsWith("ASIA");

            assertThat(CognitoIdentityClients.signedPostToTarget(endpoint, "CognateAdmin.RevokeIdentityCredentials",
                    "{\"IdentityId\":\"" + identityId + "\"}").statusCode()).isEqualTo(200);

            StsException refused = catchThrowableOfType(StsException.class, () -> sts.assumeRoleWithWebIdentity(r -> r.roleArn(AUTH)
                    .roleSessionName("after").webIdentityToken(before)));
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(refused.statusCode()).isEqualTo(403);

            // identity tokens carry their issue time in seconds: one issued a second later is after the revocation
            clock.advance(Duration.ofSeconds(2));
            String later = anonymous.getOpenIdToken(r -> r.identityId(identityId).logins(logins)).token();
            var credentials = sts.assumeRoleWithWebIdentity(r -> r.roleArn(AUTH).roleSessionName("later").webIdentityToken(later)).credentials();
            try (StsClient signed = CognitoIdentityClients.sts(endpoint, credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())) {
                assertThat(signed.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Revocable/later");
            }
        } finally {
            clock.reset();
        }
    }

    private void execute(String sql, String id) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }
}
