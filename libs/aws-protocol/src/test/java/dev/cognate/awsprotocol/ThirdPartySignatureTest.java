package dev.cognate.awsprotocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Requests signed by clients other than the Java SDK, captured as they arrived: botocore (the AWS
 * CLI and boto3) and curl's {@code --aws-sigv4}. Neither signs {@code x-amz-content-sha256}; both
 * sign their headers in their own way, and the verifier must accept exactly what they sent.
 */
class ThirdPartySignatureTest {

    private static final String SECRET = "test-secret-access-key-000000000000000000";

    /** botocore 1.43 SigV4Auth, 2026-11-22T10:00:00Z, body {"MaxResults": 10}, to http://localhost:8081/. */
    private static final AwsJsonRequest BOTOCORE = request("localhost:8081", "{\"MaxResults\": 10}", Map.of(
            "content-type", "application/x-amz-json-1.1",
            "x-amz-target", "AWSCognitoIdentityProviderService.ListUserPools",
            "user-agent", "aws-cli/2.9.19 Python/3.11",
            "x-amz-date", "20261122T100000Z",
            "authorization", "AWS4-HMAC-SHA256 Credential=AKIATESTKEY000000001/20261122/us-east-1/cognito-idp/aws4_request, "
                    + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                    + "Signature=f565933e3bdb447f307217aae5f27e3b55463b3d6a89610ef392063e918d9572"));

    /** curl 7.88.1 --aws-sigv4 "aws:amz:us-east-1:cognito-idp", 2026-11-22T06:05:10Z, to http://localhost:18999/. */
    private static final AwsJsonRequest CURL = request("localhost:18999", "{\"MaxResults\":10}", Map.of(
            "content-type", "application/x-amz-json-1.1",
            "x-amz-target", "AWSCognitoIdentityProviderService.ListUserPools",
            "user-agent", "curl/7.88.1",
            "accept", "*/*",
            "content-length", "17",
            "x-amz-date", "20261122T060510Z",
            "authorization", "AWS4-HMAC-SHA256 Credential=AKIATESTKEY000000001/20261122/us-east-1/cognito-idp/aws4_request, "
                    + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                    + "Signature=fd7db826d6633141d1fcb53463e41a864eac92b3360a0cb4c50a958ef5b7864a"));

    @Test
    void acceptsTheAwsCliSignature() {
        assertThat(verifierAt("2026-11-22T10:01:00Z").verify(BOTOCORE, "cognito-idp")).isEqualTo("AKIATESTKEY000000001");
    }

    @Test
    void acceptsCurlSignature() {
        assertThat(verifierAt("2026-11-22T06:06:00Z").verify(CURL, "cognito-idp")).isEqualTo("AKIATESTKEY000000001");
    }

    @Test
    void refusesTheAwsCliSignatureOverAnotherBody() {
        AwsJsonRequest tampered = SignedRequests.withBody(BOTOCORE, "{\"MaxResults\": 60}");
        assertThatThrownBy(() -> verifierAt("2026-11-22T10:01:00Z").verify(tampered, "cognito-idp"))
                .isInstanceOfSatisfying(CognitoException.class, e -> assertThat(e.type()).isEqualTo("InvalidSignatureException"));
    }

    private static SigV4Verifier verifierAt(String now) {
        return new SigV4Verifier(key -> Optional.ofNullable(Map.of("AKIATESTKEY000000001", SECRET).get(key)),
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    private static AwsJsonRequest request(String host, String body, Map<String, String> headers) {
        Map<String, List<String>> all = new HashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        all.put("host", List.of(host));
        return new AwsJsonRequest("POST", "/", null, all, body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }
}
