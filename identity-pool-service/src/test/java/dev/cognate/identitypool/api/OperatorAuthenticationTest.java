package dev.cognate.identitypool.api;

import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.parsing.Parser;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityException;

import java.net.URL;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.restassured.config.EncoderConfig.encoderConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Every identity pool management action is an operator call: SigV4 with a configured access key, or AWS's refusal. */
@QuarkusTest
class OperatorAuthenticationTest {

    @TestHTTPResource("/")
    URL endpoint;

    @Inject
    AgroalDataSource dataSource;

    private final String name = "auth-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void rejectsUnsignedCall() {
        rawJson()
                .header("X-Amz-Target", "AWSCognitoIdentityService.CreateIdentityPool")
                .body("{\"IdentityPoolName\":\"" + name + "\",\"AllowUnauthenticatedIdentities\":true}")
                .when().post("/")
                .then()
                .parser("application/x-amz-json-1.1", Parser.JSON)
                .statusCode(403)
                .header("x-amzn-ErrorType", "MissingAuthenticationTokenException")
                .header("x-amzn-RequestId", notNullValue())
                .body("__type", equalTo("MissingAuthenticationTokenException"))
                .body("message", equalTo("Missing Authentication Token"));

        assertNothingCreated();
    }

    @Test
    void rejectsWrongSecret() {
        try (CognitoIdentityClient cognito = CognitoIdentityClients.withCredentials(endpoint,
                CognitoIdentityClients.ACCESS_KEY_ID, "not-the-secret-access-key-00000000000000")) {
            CognitoIdentityException error = catchThrowableOfType(CognitoIdentityException.class,
                    () -> cognito.createIdentityPool(r -> r.identityPoolName(name).allowUnauthenticatedIdentities(true)));

            assertThat(error.statusCode()).isEqualTo(400);
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(error.awsErrorDetails().errorMessage()).startsWith("The request signature we calculated does not match");
        }
        assertNothingCreated();
    }

    @Test
    void rejectsUnknownAccessKey() {
        try (CognitoIdentityClient cognito = CognitoIdentityClients.withCredentials(endpoint,
                "AKIAUNKNOWNKEY000000", CognitoIdentityClients.SECRET_ACCESS_KEY)) {
            CognitoIdentityException error = catchThrowableOfType(CognitoIdentityException.class,
                    () -> cognito.createIdentityPool(r -> r.identityPoolName(name).allowUnauthenticatedIdentities(true)));

            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
        }
        assertNothingCreated();
    }

    @Test
    void rejectsSignatureForAnotherService() {
        try (CognitoIdentityClient cognito = CognitoIdentityClients.operator(endpoint)) {
            String id = cognito.createIdentityPool(r -> r.identityPoolName(name + "-kept").allowUnauthenticatedIdentities(true))
                    .identityPoolId();
            // A body signed for cognito-idp (the user pool API) must not pass for cognito-identity.
            int status = rawJson()
                    .header("X-Amz-Target", "AWSCognitoIdentityService.DeleteIdentityPool")
                    .header("X-Amz-Date", "20250101T000000Z")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + CognitoIdentityClients.ACCESS_KEY_ID
                            + "/20250101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
                    .body("{\"IdentityPoolId\":\"" + id + "\"}")
                    .when().post("/")
                    .then()
                    .header("x-amzn-ErrorType", "InvalidSignatureException")
                    .extract().statusCode();

            assertThat(status).isEqualTo(400);
            assertThat(cognito.describeIdentityPool(r -> r.identityPoolId(id)).identityPoolName()).isEqualTo(name + "-kept");
        }
    }

    @Test
    void answersCorsPreflightForBrowserSdks() {
        given()
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-amz-target,x-amz-user-agent")
                .when().options("/")
                .then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Headers", "content-type,x-amz-target,x-amz-user-agent");
    }

    /** A request the way a hand-written client sends one: the AWS JSON content type, no SDK in between. */
    static RequestSpecification rawJson() {
        return given()
                .config(RestAssured.config().encoderConfig(encoderConfig().encodeContentTypeAs("application/x-amz-json-1.1", ContentType.TEXT)))
                .contentType("application/x-amz-json-1.1");
    }

    private void assertNothingCreated() {
        assertThat(Rows.count(dataSource, "SELECT 1 FROM identity_pools WHERE name = ?", name)).isZero();
        assertThat(Rows.count(dataSource, "SELECT 1 FROM outbox WHERE payload::jsonb -> 'data' ->> 'identityPoolName' = ?", name)).isZero();
    }
}
