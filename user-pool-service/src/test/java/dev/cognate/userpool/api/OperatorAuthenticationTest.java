package dev.cognate.userpool.api;

import dev.cognate.userpool.CognitoIdpClients;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

/** Operator actions require a valid SigV4 signature; a refused call creates nothing. */
@QuarkusTest
class OperatorAuthenticationTest {

    private static final String CREATE = "AWSCognitoIdentityProviderService.CreateUserPool";
    private static final String BODY = "{\"PoolName\":\"should-never-exist\"}";

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void rejectsUnsignedCallWithMissingAuthenticationToken() {
        Response response = post(CREATE, BODY, null);
        assertAwsError(response, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        assertThat(response.header("x-amzn-RequestId")).isNotBlank();
        assertNoPoolNamed("should-never-exist");
    }

    @Test
    void rejectsUnknownAccessKeyWithUnrecognizedClient() {
        try (CognitoIdentityProviderClient stranger = CognitoIdpClients.client(endpoint, "AKIASTRANGER00000001", "whatever")) {
            assertThatThrownBy(() -> stranger.createUserPool(r -> r.poolName("should-never-exist")))
                    .isInstanceOfSatisfying(CognitoIdentityProviderException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
        }
        assertNoPoolNamed("should-never-exist");
    }

    @Test
    void rejectsWrongSecretWithInvalidSignature() {
        try (CognitoIdentityProviderClient forger = CognitoIdpClients.client(endpoint, CognitoIdpClients.ACCESS_KEY, "wrong-secret")) {
            assertThatThrownBy(() -> forger.createUserPool(r -> r.poolName("should-never-exist")))
                    .isInstanceOfSatisfying(CognitoIdentityProviderException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        assertThat(e.getMessage()).contains("The request signature we calculated does not match");
                    });
        }
        assertNoPoolNamed("should-never-exist");
    }

    @Test
    void rejectsSignatureOlderThanFiveMinutes() {
        assertAwsError(post(CREATE, BODY, Instant.now().minus(Duration.ofMinutes(6))), 400, "InvalidSignatureException",
                "Signature expired");
        assertNoPoolNamed("should-never-exist");
    }

    @Test
    void acceptsFreshSignatureFromAnyHttpClient() {
        String name = "raw-signed-" + System.nanoTime();
        Response response = post(CREATE, "{\"PoolName\":\"" + name + "\"}", Instant.now());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(response.jsonPath().getString("UserPool.Name")).isEqualTo(name);
    }

    @Test
    void answersUnknownTargetWithAwsErrorNotA404Page() {
        assertAwsError(post("AWSCognitoIdentityProviderService.NoSuchAction", "{}", Instant.now()), 400,
                "UnknownOperationException", "AWSCognitoIdentityProviderService.NoSuchAction");
    }

    @Test
    void answersBrowserPreflightForTheSdkHeaders() {
        RestAssured.given()
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-amz-target,x-amz-user-agent")
                .options(endpoint)
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Headers", containsString("x-amz-target"))
                .header("Access-Control-Allow-Methods", containsString("POST"));
    }

    private static void assertAwsError(Response response, int status, String type, String messagePart) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.header("x-amzn-ErrorType")).isEqualTo(type);
        assertThat(response.jsonPath().getString("__type")).isEqualTo(type);
        assertThat(response.jsonPath().getString("message")).contains(messagePart);
    }

    private Response post(String target, String body, Instant signedAt) {
        var request = RestAssured.given()
                .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", target)
                .body(body.getBytes(StandardCharsets.UTF_8));
        if (signedAt != null) {
            SdkHttpRequest signed = sign(target, body, signedAt);
            signed.forEachHeader((name, values) -> {
                if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("X-Amz-Target")) {
                    request.header(name, values.get(0));
                }
            });
        }
        return request.post(endpoint);
    }

    private SdkHttpRequest sign(String target, String body, Instant at) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", target).build();
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(CognitoIdpClients.ACCESS_KEY, CognitoIdpClients.SECRET))
                .request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cognito-idp")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
    }

    private void assertNoPoolNamed(String name) {
        try (CognitoIdentityProviderClient cognito = CognitoIdpClients.operator(endpoint)) {
            List<String> names = cognito.listUserPoolsPaginator(r -> r.maxResults(60)).userPools().stream()
                    .map(UserPoolDescriptionType::name).toList();
            assertThat(names).doesNotContain(name);
        }
    }
}
