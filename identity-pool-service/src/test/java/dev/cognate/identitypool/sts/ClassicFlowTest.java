package dev.cognate.identitypool.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.identitypool.TrustedUserPoolTest;
import dev.cognate.tokens.ClaimChecks;
import dev.cognate.tokens.JwtVerifier;
import dev.cognate.tokens.PublicKeys;
import dev.cognate.tokens.SigningAlgorithm;
import dev.cognate.tokens.VerifiedJwt;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The basic (classic) flow with real clients: GetId, GetOpenIdToken (an RS512 identity token, verified here against
 * the service's published JWKS), then the SDK's {@code StsClient.assumeRoleWithWebIdentity} against Cognate's STS, and
 * the credentials it returns recognised by {@code getCallerIdentity}; AllowClassicFlow and the pool's roles are enforced.
 */
@QuarkusTest
class ClassicFlowTest extends TrustedUserPoolTest {

    static final String USER_POOL = "us-east-1_Classic1";
    static final String CLIENT = "classicclient1";
    static final String AUTH = "arn:aws:iam::123456789012:role/Classic_Authenticated";
    static final String GUEST = "arn:aws:iam::123456789012:role/Classic_Guest";
    static final ObjectMapper JSON = new ObjectMapper();

    ClassicFlowTest() {
        super(USER_POOL);
    }

    String pool(boolean classic) {
        return identityPool("classic", CLIENT, r -> r.allowUnauthenticatedIdentities(true).allowClassicFlow(classic),
                Map.of("authenticated", AUTH, "unauthenticated", GUEST), null);
    }

    StsClient sts(AwsCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(URI.create(endpoint.toString()).resolve("/sts")).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @Test
    void openIdTokenThenAssumeRoleWithWebIdentityGivesCredentialsOfTheRole() throws Exception {
        String pool = pool(true);
        Map<String, String> logins = Map.of(provider, issuer.idToken(USER_POOL, CLIENT, "cleo"));
        String identityId = anonymous.getId(r -> r.identityPoolId(pool).logins(logins)).identityId();

        String token = anonymous.getOpenIdToken(r -> r.identityId(identityId).logins(logins)).token();

        JsonNode discovery = JSON.readTree(get("/.well-known/openid-configuration"));
        assertThat(discovery.path("jwks_uri").asText()).isEqualTo(discovery.path("issuer").asText() + "/.well-known/jwks_uri");
        VerifiedJwt verified = JwtVerifier.allowing(SigningAlgorithm.RS512).verify(JwtVerifier.allowing(SigningAlgorithm.RS512).parse(token),
                PublicKeys.parse(JSON.readTree(get("/.well-known/jwks_uri"))), ClaimChecks.issuedBy(discovery.path("issuer").asText()).audience(pool));
        assertThat(verified.string("sub")).isEqualTo(identityId);
        assertThat(verified.claims().path("amr")).extracting(JsonNode::asText)
                .containsExactly("authenticated", provider, provider + ":CognitoSignIn:cleo");
        assertThat(verified.string("https://cognito-identity.amazonaws.com/identity-pool-arn"))
                .isEqualTo("arn:aws:cognito-identity:us-east-1:000000000000:identitypool/" + pool);

        AssumeRoleWithWebIdentityResponse assumed;
        try (StsClient sts = sts(AnonymousCredentialsProvider.create())) {
            assumed = sts.assumeRoleWithWebIdentity(r -> r.roleArn(AUTH).roleSessionName("app-session").webIdentityToken(token)
                    .durationSeconds(900));
        }
        assertThat(assumed.subjectFromWebIdentityToken()).isEqualTo(identityId);
        assertThat(assumed.audience()).isEqualTo(pool);
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Classic_Authenticated/app-session");
        assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA");
        assertThat(assumed.credentials().expiration()).isBetween(java.time.Instant.now().plusSeconds(880), java.time.Instant.now().plusSeconds(920));

        var credentials = assumed.credentials();
        try (StsClient sts = sts(StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken())))) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Classic_Authenticated/app-session");
        }
    }

    @Test
    void rolesOutsideThePoolTamperedTokensAndDisabledClassicFlowAreRefused() {
        String pool = pool(true);
        String guest = anonymous.getId(r -> r.identityPoolId(pool)).identityId();
        String token = anonymous.getOpenIdToken(r -> r.identityId(guest)).token();

        try (StsClient sts = sts(AnonymousCredentialsProvider.create())) {
            StsException denied = catchThrowableOfType(StsException.class, () -> sts.assumeRoleWithWebIdentity(r -> r.roleArn(AUTH)
                    .roleSessionName("guest").webIdentityToken(token)));
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(sts.assumeRoleWithWebIdentity(r -> r.roleArn(GUEST).roleSessionName("guest").webIdentityToken(token))
                    .assumedRoleUser().arn()).endsWith(":assumed-role/Classic_Guest/guest");

            String[] parts = token.split("\\.");
            String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
            assertThat(catchThrowableOfType(StsException.class, () -> sts.assumeRoleWithWebIdentity(r -> r.roleArn(GUEST)
                    .roleSessionName("guest").webIdentityToken(tampered))).awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
            assertThat(catchThrowableOfType(StsException.class, () -> sts.assumeRoleWithWebIdentity(r -> r.roleArn(GUEST)
                    .roleSessionName("a").webIdentityToken(token))).awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        }

        String enhancedOnly = pool(false);
        String other = anonymous.getId(r -> r.identityPoolId(enhancedOnly)).identityId();
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> anonymous.getOpenIdToken(r -> r.identityId(other)))
                .awsErrorDetails().errorMessage()).isEqualTo("Basic (classic) flow is not enabled, please use enhanced flow.");
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoint.toString()).resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
