package dev.cognate.awsprotocol;

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

/** Requests signed the way an AWS SDK client signs them, turned into what the server receives. */
final class SignedRequests {

    static final String ACCESS_KEY = "AKIATESTKEY000000001";
    static final String SECRET = "test-secret-access-key-000000000000000000";

    private SignedRequests() {
    }

    static AwsJsonRequest signed(String target, String body, String service, Instant at, String accessKey, String secret) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST).protocol("http").host("localhost").port(8081).encodedPath("/")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", target)
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secret))
                .request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
        Map<String, List<String>> headers = new HashMap<>();
        signed.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
        headers.putIfAbsent("host", List.of("localhost:8081"));
        return new AwsJsonRequest("POST", "/", null, headers, body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    static AwsJsonRequest signed(String target, String body, Instant at) {
        return signed(target, body, "cognito-idp", at, ACCESS_KEY, SECRET);
    }

    static AwsJsonRequest unsigned(String target, String body) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("host", List.of("localhost:8081"));
        headers.put("content-type", List.of("application/x-amz-json-1.1"));
        if (target != null) {
            headers.put("x-amz-target", List.of(target));
        }
        return new AwsJsonRequest("POST", "/", null, headers, body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    static AwsJsonRequest withBody(AwsJsonRequest request, String body) {
        return new AwsJsonRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(),
                body.getBytes(StandardCharsets.UTF_8), request.sourceIp());
    }
}
