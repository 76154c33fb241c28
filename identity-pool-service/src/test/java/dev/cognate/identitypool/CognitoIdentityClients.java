package dev.cognate.identitypool;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a Cognito Identity caller uses against the service under test: the real AWS SDK v2 client,
 * and raw SigV4-signed requests for bodies the SDK would never send (wrong JSON types).
 */
public final class CognitoIdentityClients {

    /** The %test operator key of application.properties. */
    public static final String ACCESS_KEY_ID = "AKIACOGNATETEST00001";
    public static final String SECRET_ACCESS_KEY = "cognate-test-secret-access-key-0000000000";
    public static final String TARGET_PREFIX = "AWSCognitoIdentityService.";

    private CognitoIdentityClients() {
    }

    /** An SDK client signing with the operator key; retries off, so a test sees each answer once. */
    public static CognitoIdentityClient operator(URL endpoint) {
        return withCredentials(endpoint, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
    }

    /** An unsigned SDK client, as an app calls GetId, GetCredentialsForIdentity, GetOpenIdToken and UnlinkIdentity. */
    public static CognitoIdentityClient anonymous(URL endpoint) {
        return CognitoIdentityClient.builder()
                .endpointOverride(URI.create(endpoint.toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** An unsigned SDK STS client of the service's STS endpoint ({@code /sts}), as AssumeRoleWithWebIdentity is called. */
    public static StsClient sts(URL endpoint) {
        return sts(endpoint, AnonymousCredentialsProvider.create());
    }

    /** An SDK STS client of the service's STS endpoint signing with vended (temporary) credentials. */
    public static StsClient sts(URL endpoint, String accessKeyId, String secretAccessKey, String sessionToken) {
        return sts(endpoint, StaticCredentialsProvider.create(AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken)));
    }

    private static StsClient sts(URL endpoint, AwsCredentialsProvider credentials) {
        return StsClient.builder()
                .endpointOverride(URI.create(endpoint.toString()).resolve("/sts"))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public static CognitoIdentityClient withCredentials(URL endpoint, String accessKeyId, String secretAccessKey) {
        return CognitoIdentityClient.builder()
                .endpointOverride(URI.create(endpoint.toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** POSTs {@code body} to {@code action}, signed with the operator key as the SDK would sign it. */
    public static HttpResponse<String> signedPost(URL endpoint, String action, String body) {
        return signedPostToTarget(endpoint, TARGET_PREFIX + action, body);
    }

    /** POSTs {@code body} with {@code X-Amz-Target: target} (e.g. a {@code CognateAdmin.*} action), signed with the operator key. */
    public static HttpResponse<String> signedPostToTarget(URL endpoint, String target, String body) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create(endpoint.toString()))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", target)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(sign -> sign
                .identity(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY))
                .request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cognito-identity")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.request().getUri())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("host")) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        try {
            // HTTP/1.1: over h2c the Host header becomes :authority, which the SigV4 verifier does not read (see README).
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
