package dev.cognate.userpool.api;

import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The unauthenticated user flows on the wire: no signature, Cognito's JSON members, errors as {@code {__type, message}}. */
@QuarkusTest
class SignUpWireTest extends CognitoIdpTest {

    @Test
    void signUpNeedsNoSignatureAndAnswersCognitosMembers() {
        String pool = cognito.createUserPool(r -> r.poolName("wire " + unique()).autoVerifiedAttributes(VerifiedAttributeType.EMAIL)).userPool().id();
        String client = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("web")).userPoolClient().clientId();

        Response response = post("SignUp", "{\"ClientId\":\"" + client + "\",\"Username\":\"wendy\",\"Password\":\"Wire#Pass123\","
                + "\"UserAttributes\":[{\"Name\":\"email\",\"Value\":\"wendy@example.com\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("x-amzn-RequestId")).isNotBlank();
        assertThat(response.jsonPath().getBoolean("UserConfirmed")).isFalse();
        assertThat(response.jsonPath().getString("UserSub")).matches("[0-9a-f-]{36}");
        assertThat(response.jsonPath().getMap("CodeDeliveryDetails"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("Destination", "w***@e***", "DeliveryMedium", "EMAIL", "AttributeName", "email"));

        Response wrong = post("ConfirmSignUp", "{\"ClientId\":\"" + client + "\",\"Username\":\"wendy\",\"ConfirmationCode\":\"not-it\"}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.header("x-amzn-ErrorType")).startsWith("CodeMismatchException");
        assertThat(wrong.jsonPath().getString("__type")).isEqualTo("CodeMismatchException");
        assertThat(wrong.jsonPath().getString("message")).isEqualTo("Invalid verification code provided, please try again.");
        assertThat(wrong.body().asString()).doesNotContain("not-it");
    }

    @Test
    void anOperatorActionStillNeedsItsSignature() {
        Response response = post("AdminConfirmSignUp", "{\"UserPoolId\":\"us-east-1_Abcdefghi\",\"Username\":\"wendy\"}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.jsonPath().getString("__type")).isEqualTo("MissingAuthenticationTokenException");
    }

    private Response post(String action, String body) {
        return RestAssured.given()
                .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + action)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(endpoint);
    }
}
