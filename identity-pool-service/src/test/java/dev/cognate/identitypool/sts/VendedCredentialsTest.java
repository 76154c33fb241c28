package dev.cognate.identitypool.sts;

import dev.cognate.identitypool.TrustedUserPoolTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidIdentityPoolConfigurationException;
import software.amazon.awssdk.services.cognitoidentity.model.MappingRule;
import software.amazon.awssdk.services.cognitoidentity.model.MappingRuleMatchType;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The whole enhanced flow with real clients: a user pool ID token, {@code CognitoIdentityClient.getId} and
 * {@code getCredentialsForIdentity}, then an {@code StsClient} signing with the vended session credentials asks
 * Cognate's STS {@code getCallerIdentity} and sees the role the pool's mapping chose; forged, wrongly signed and
 * expired credentials are refused with STS's errors.
 */
@QuarkusTest
class VendedCredentialsTest extends TrustedUserPoolTest {

    static final String USER_POOL = "us-east-1_CredsPool1";
    static final String CLIENT = "credsclient1";
    static final String AUTH = "arn:aws:iam::123456789012:role/Cognito_Authenticated";
    static final String GUEST = "arn:aws:iam::123456789012:role/Cognito_Guest";
    static final String ADMIN = "arn:aws:iam::123456789012:role/team/Admin";

    @Inject
    SessionTokens sessionTokens;

    VendedCredentialsTest() {
        super(USER_POOL);
    }

    String poolWithRoles() {
        return identityPool("creds", CLIENT, r -> r.allowUnauthenticatedIdentities(true), Map.of("authenticated", AUTH, "unauthenticated", GUEST),
                Map.of(provider, RoleMapping.builder().type("Rules").ambiguousRoleResolution("AuthenticatedRole")
                        .rulesConfiguration(c -> c.rules(MappingRule.builder().claim("cognito:groups").matchType(MappingRuleMatchType.CONTAINS)
                                .value("admins").roleARN(ADMIN).build())).build()));
    }

    StsClient sts(String path, String accessKeyId, String secret, String sessionToken) {
        return StsClient.builder()
                .endpointOverride(URI.create(endpoint.toString()).resolve(path))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(accessKeyId, secret, sessionToken)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    GetCallerIdentityResponse callerIdentity(String path, Credentials credentials) {
        try (StsClient sts = sts(path, credentials.accessKeyId(), credentials.secretKey(), credentials.sessionToken())) {
            return sts.getCallerIdentity();
        }
    }

    @Test
    void userPoolLoginGetsCredentialsOfTheMappedRoleThatStsRecognises() {
        String pool = poolWithRoles();
        Map<String, String> logins = Map.of(provider, issuer.idToken(USER_POOL, CLIENT, "alice",
                c -> c.putArray("cognito:groups").add("users").add("admins")));
        String identityId = anonymous.getId(r -> r.identityPoolId(pool).logins(logins)).identityId();

        var response = anonymous.getCredentialsForIdentity(r -> r.identityId(identityId).logins(logins));

        assertThat(response.identityId()).isEqualTo(identityId);
        Credentials credentials = response.credentials();
        assertThat(credentials.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(credentials.secretKey()).hasSize(40);
        assertThat(credentials.expiration()).isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));

        GetCallerIdentityResponse caller = callerIdentity("/sts", credentials);
        assertThat(caller.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Admin/CognitoIdentityCredentials");
        assertThat(caller.account()).isEqualTo("123456789012");
        assertThat(caller.userId()).matches("AROA[A-Z2-7]{17}:CognitoIdentityCredentials");
        // the same answer from a form post to the service's root
        assertThat(callerIdentity("/", credentials).arn()).isEqualTo(caller.arn());
    }

    @Test
    void userWithoutMatchingRuleGetsAuthenticatedRoleAndGuestTheUnauthenticatedRole() {
        String pool = poolWithRoles();
        Map<String, String> logins = Map.of(provider, issuer.idToken(USER_POOL, CLIENT, "bob"));
        String bob = anonymous.getId(r -> r.identityPoolId(pool).logins(logins)).identityId();
        Credentials bobs = anonymous.getCredentialsForIdentity(r -> r.identityId(bob).logins(logins)).credentials();
        assertThat(callerIdentity("/sts", bobs).arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Cognito_Authenticated/CognitoIdentityCredentials");

        String guest = anonymous.getId(r -> r.identityPoolId(pool)).identityId();
        Credentials guests = anonymous.getCredentialsForIdentity(r -> r.identityId(guest)).credentials();
        assertThat(callerIdentity("/sts", guests).arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Cognito_Guest/CognitoIdentityCredentials");
    }

    @Test
    void guestThatLogsInBecomesAuthenticated() {
        String pool = poolWithRoles();
        String guest = anonymous.getId(r -> r.identityPoolId(pool)).identityId();
        Map<String, String> logins = Map.of(provider, issuer.idToken(USER_POOL, CLIENT, "gina"));

        Credentials credentials = anonymous.getCredentialsForIdentity(r -> r.identityId(guest).logins(logins)).credentials();

        assertThat(callerIdentity("/sts", credentials).arn()).endsWith(":assumed-role/Cognito_Authenticated/CognitoIdentityCredentials");
        assertThat(operator.describeIdentity(r -> r.identityId(guest)).logins()).containsExactly(provider);
        assertThat(anonymous.getId(r -> r.identityPoolId(pool).logins(logins)).identityId()).isEqualTo(guest);
    }

    @Test
    void credentialsNeedTheIdentitysOwnLogin() {
        String pool = poolWithRoles();
        Map<String, String> alice = Map.of(provider, issuer.idToken(USER_POOL, CLIENT, "alice2"));
        Map<String, String> eve = Map.of(provider, issuer.idToken(USER_POOL, CLIENT, "eve"));
        String aliceId = anonymous.getId(r -> r.identityPoolId(pool).logins(alice)).identityId();
        anonymous.getId(r -> r.identityPoolId(pool).logins(eve));

        assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> anonymous.getCredentialsForIdentity(r -> r.identityId(aliceId)))
                .awsErrorDetails().errorMessage()).isEqualTo("Access to Identity '" + aliceId + "' is forbidden.");
        assertThat(catchThrowableOfType(NotAuthorizedException.class,
                () -> anonymous.getCredentialsForIdentity(r -> r.identityId(aliceId).logins(eve)))
                .awsErrorDetails().errorMessage())
                .isEqualTo("Logins don't match. Please include at least one valid login for this identity or identity pool.");
    }

    @Test
    void poolWithoutRolesIsInvalidConfiguration() {
        String pool = operator.createIdentityPool(r -> r.identityPoolName("creds-noroles").allowUnauthenticatedIdentities(true)).identityPoolId();
        String guest = anonymous.getId(r -> r.identityPoolId(pool)).identityId();
        assertThat(catchThrowableOfType(InvalidIdentityPoolConfigurationException.class,
                () -> anonymous.getCredentialsForIdentity(r -> r.identityId(guest))).awsErrorDetails().errorMessage())
                .isEqualTo("Invalid identity pool configuration. Check assigned IAM roles for this pool.");
    }

    @Test
    void forgedWronglySignedAndExpiredCredentialsAreRefusedWithStsErrors() {
        String pool = poolWithRoles();
        String guest = anonymous.getId(r -> r.identityPoolId(pool)).identityId();
        Credentials real = anonymous.getCredentialsForIdentity(r -> r.identityId(guest)).credentials();

        String token = real.sessionToken();
        int middle = token.length() / 2;
        String tampered = token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A') + token.substring(middle + 1);
        assertRefused(sts("/sts", real.accessKeyId(), real.secretKey(), tampered), "InvalidClientTokenId", 403,
                "The security token included in the request is invalid.");
        assertRefused(sts("/sts", real.accessKeyId(), "0".repeat(40), real.sessionToken()), "SignatureDoesNotMatch", 403,
                "The request signature we calculated does not match the signature you provided.");
        Credentials other = anonymous.getCredentialsForIdentity(r -> r.identityId(guest)).credentials();
        assertRefused(sts("/sts", real.accessKeyId(), real.secretKey(), other.sessionToken()), "InvalidClientTokenId", 403,
                "The security token included in the request is invalid.");

        SessionCredentials expired = new SessionCredentials("ASIAEXPIREDEXPIRED22", "expired-secret-expired-secret-expired-00",
                guest, GUEST, "CognitoIdentityCredentials", Instant.now().minusSeconds(1));
        assertRefused(sts("/sts", expired.accessKeyId(), expired.secretAccessKey(), sessionTokens.seal(expired)), "ExpiredToken", 400,
                "The security token included in the request is expired");
    }

    private static void assertRefused(StsClient sts, String code, int status, String messageStart) {
        try (sts) {
            StsException refused = catchThrowableOfType(StsException.class, sts::getCallerIdentity);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(refused.statusCode()).isEqualTo(status);
            assertThat(refused.awsErrorDetails().errorMessage()).startsWith(messageStart);
        }
    }
}
