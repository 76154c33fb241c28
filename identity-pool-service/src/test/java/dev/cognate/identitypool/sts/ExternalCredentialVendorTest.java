package dev.cognate.identitypool.sts;

import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.TrustedUserPoolTest;
import dev.cognate.testkit.Ports;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidIdentityPoolConfigurationException;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The external credential vendor ({@code cognate.credentials.vendor=external}) pointed at an STS that really verifies the
 * identity token: this service's own STS endpoint, reached over HTTP through the AWS SDK's StsClient as any external
 * STS would be. GetCredentialsForIdentity's credentials are then the external STS's (proven with its GetCallerIdentity,
 * session {@code CognitoIdentityCredentials}, lifetime {@code DurationSeconds}), and a role the STS refuses to let the
 * identity assume is Cognito's {@code InvalidIdentityPoolConfigurationException}.
 */
@QuarkusTest
@TestProfile(ExternalCredentialVendorTest.ExternalVendor.class)
class ExternalCredentialVendorTest extends TrustedUserPoolTest {

    static final String USER_POOL = "us-east-1_ExternalSts";
    static final String CLIENT = "externalclient1";
    static final String AUTH = "arn:aws:iam::123456789012:role/External_Authenticated";
    static final String UNTRUSTED = "arn:aws:iam::123456789012:role/NotInThePool";

    /** Fixes the test port, so the vendor's endpoint can name this very service's STS. */
    public static class ExternalVendor implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port = Ports.pickFree(1)[0];
            return Map.of("quarkus.http.test-port", Integer.toString(port),
                    "cognate.credentials.vendor", "external",
                    "cognate.credentials.external.endpoint", "http://" + Ports.LOOPBACK + ":" + port + "/sts",
                    "cognate.credentials.external.duration-seconds", "900");
        }
    }

    @Inject
    SessionTokens sessionTokens;

    ExternalCredentialVendorTest() {
        super(USER_POOL);
    }

    /** A pool whose roles Cognate's STS lets its identities assume (it stands in for the roles' trust policies). */
    String pool(Map<String, RoleMapping> mappings) {
        return identityPool("external", CLIENT, r -> r.allowUnauthenticatedIdentities(false).allowClassicFlow(true),
                Map.of("authenticated", AUTH), mappings);
    }

    @Test
    void credentialsComeFromTheExternalStsThroughAssumeRoleWithWebIdentity() {
        String pool = pool(Map.of());
        operator.setPrincipalTagAttributeMap(r -> r.identityPoolId(pool).identityProviderName(provider).useDefaults(true));
        Map<String, String> logins = Map.of(provider, issuer.idToken(USER_POOL, CLIENT, "ext-user"));
        String identityId = anonymous.getId(r -> r.identityPoolId(pool).logins(logins)).identityId();

        var response = anonymous.getCredentialsForIdentity(r -> r.identityId(identityId).logins(logins));

        assertThat(response.identityId()).isEqualTo(identityId);
        Credentials credentials = response.credentials();
        // DurationSeconds 900 was asked of the external STS (the built-in vendor would give an hour)
        assertThat(credentials.expiration()).isBetween(Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16)));
        try (StsClient sts = CognitoIdentityClients.sts(endpoint, credentials.accessKeyId(), credentials.secretKey(), credentials.sessionToken())) {
            assertThat(sts.getCallerIdentity().arn())
                    .isEqualTo("arn:aws:sts::123456789012:assumed-role/External_Authenticated/CognitoIdentityCredentials");
        }
        // the principal tags went to the external STS in the identity token, and it tagged the session with them
        assertThat(sessionTokens.open(credentials.sessionToken()).orElseThrow().principalTags())
                .isEqualTo(Map.of("client", CLIENT, "username", "ext-user"));
    }

    @Test
    void aRoleTheExternalStsRefusesIsInvalidIdentityPoolConfiguration() {
        // the token's preferred role is not one Cognate's STS lets identities of this pool assume (AccessDenied there)
        String pool = pool(Map.of(provider, RoleMapping.builder().type("Token").ambiguousRoleResolution("Deny").build()));
        Map<String, String> logins = Map.of(provider, issuer.idToken(USER_POOL, CLIENT, "ext-other",
                c -> c.put("cognito:preferred_role", UNTRUSTED)));
        String identityId = anonymous.getId(r -> r.identityPoolId(pool).logins(logins)).identityId();

        InvalidIdentityPoolConfigurationException refused = catchThrowableOfType(InvalidIdentityPoolConfigurationException.class,
                () -> anonymous.getCredentialsForIdentity(r -> r.identityId(identityId).logins(logins)));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("Invalid identity pool configuration. Check assigned IAM roles for this pool.");
    }
}
