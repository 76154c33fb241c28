package dev.cognate.userpool;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A SigV4-signed Cognito IdP JSON call made by hand, for actions newer than the AWS SDK version on the test
 * classpath (AddUserPoolClientSecret, ...). Signed with the SDK's own signer and the %test operator key.
 */
public final class SignedJson {

    private SignedJson() {
    }

    public static Response call(URI endpoint, String action, String body) {
        return callTarget(endpoint, "AWSCognitoIdentityProviderService." + action, body);
    }

    /** A signed call of any {@code X-Amz-Target}, e.g. Cognate's {@code CognateAdmin.ExportUserPool}. */
    public static Response callTarget(URI endpoint, String target, String body) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", target).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(CognitoIdpClients.ACCESS_KEY, CognitoIdpClients.SECRET))
                .request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cognito-idp")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        var request = RestAssured.given()
                .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", target)
                .body(body.getBytes(StandardCharsets.UTF_8));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("X-Amz-Target")) {
                request.header(name, values.get(0));
            }
        });
        return request.post(endpoint);
    }
}
