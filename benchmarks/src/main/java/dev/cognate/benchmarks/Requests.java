package dev.cognate.benchmarks;

import dev.cognate.awsprotocol.AwsJsonRequest;
import dev.cognate.awsprotocol.SigV4Verifier;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Requests as user-pool-service receives them, signed the way an AWS SDK client signs them (the SDK's own
 * {@link AwsV4HttpSigner}, at a fixed time), plus a verifier whose clock is fixed near that time, so a
 * benchmark never drifts out of SigV4's 5-minute window however long it runs.
 */
public final class Requests {

    public static final String ACCESS_KEY = "AKIABENCHMARK0000001";
    public static final String SECRET = "benchmark-secret-access-key-00000000000000";
    public static final String REGION = "us-east-1";
    public static final String IDP_SERVICE = "cognito-idp";
    public static final String IDP_PREFIX = "AWSCognitoIdentityProviderService";

    /** When the benchmark requests were signed. */
    public static final Instant SIGNED_AT = Instant.parse("2026-01-15T12:00:00Z");
    /** The verifier's "now": 30 s after signing, well inside the 5-minute skew allowance. */
    public static final Instant VERIFIER_NOW = SIGNED_AT.plusSeconds(30);

    private Requests() {
    }

    /** A verifier that knows {@link #ACCESS_KEY} and whose clock stands still at {@link #VERIFIER_NOW}. */
    public static SigV4Verifier verifier() {
        Map<String, String> secrets = Map.of(ACCESS_KEY, SECRET);
        return new SigV4Verifier(key -> Optional.ofNullable(secrets.get(key)), Clock.fixed(VERIFIER_NOW, ZoneOffset.UTC));
    }

    /** {@code POST /} to {@code localhost:8081} with {@code X-Amz-Target: <target>}, SigV4-signed at {@link #SIGNED_AT}. */
    public static AwsJsonRequest signed(String target, String body) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST).protocol("http").host("localhost").port(8081).encodedPath("/")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", target)
                .putHeader("User-Agent", "aws-sdk-java/2.34.0 benchmark")
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET))
                .request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, IDP_SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC))).request();
        Map<String, List<String>> headers = new HashMap<>();
        signed.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
        headers.putIfAbsent("host", List.of("localhost:8081"));
        return new AwsJsonRequest("POST", "/", null, headers, body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    /** The same request without any signature, as an unauthenticated action (SignUp, InitiateAuth, ...) receives it. */
    public static AwsJsonRequest unsigned(String target, String body) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("host", List.of("localhost:8081"));
        headers.put("content-type", List.of("application/x-amz-json-1.1"));
        headers.put("x-amz-target", List.of(target));
        headers.put("user-agent", List.of("aws-sdk-java/2.34.0 benchmark"));
        return new AwsJsonRequest("POST", "/", null, headers, body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    /** A ListUserPools body, as the SDK sends it: {@code {"MaxResults":60}}. */
    public static String listUserPoolsBody() {
        return "{\"MaxResults\":60}";
    }

    /**
     * A body of about {@code size} bytes (a CreateUserPool with tags), for the cost of hashing a larger payload.
     */
    public static String bodyOfAbout(int size) {
        StringBuilder json = new StringBuilder(size + 64).append("{\"PoolName\":\"benchmark-pool\",\"UserPoolTags\":{");
        int i = 0;
        while (json.length() < size - 48) {
            if (i > 0) {
                json.append(',');
            }
            json.append("\"tag").append(String.format(Locale.ROOT, "%03d", i)).append("\":\"")
                    .append("value-of-tag-").append(String.format(Locale.ROOT, "%03d", i)).append("-abcdefgh\"");
            i++;
        }
        return json.append("}}").toString();
    }
}
