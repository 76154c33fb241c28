package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

/**
 * A SigV4-signed call of one of Cognate's own operator actions ({@code X-Amz-Target: CognateAdmin.*}), which no AWS SDK
 * knows: signed with the SDK's signer and the stack's operator key, as {@code curl --aws-sigv4} or a script would.
 */
final class OperatorCall {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NOT_COPIED = Set.of("host", "content-length");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private OperatorCall() {
    }

    static JsonNode call(String endpoint, LocalCredentials credentials, String target, String body) throws IOException, InterruptedException {
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(credentials.operatorAccessKeyId(), credentials.operatorSecretAccessKey()))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(endpoint + "/"))
                        .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", target).build())
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cognito-idp")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + "/")).POST(HttpRequest.BodyPublishers.ofString(body));
        signed.forEachHeader((name, values) -> {
            if (!NOT_COPIED.contains(name.toLowerCase())) {
                request.header(name, values.get(0));
            }
        });
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(target + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
