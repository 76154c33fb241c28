package dev.cognate.userpool.api;

import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.SignedJson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * NUL, other control characters and unpaired surrogates in any string member are refused at the protocol edge
 * (libs/aws-protocol) with {@code InvalidParameterException}, before the action runs. Fuzzing found
 * {@code DescribeUserPoolDomain} with {@code "Domain": "\u0000"} answering 500: PostgreSQL refuses NUL in text.
 */
@QuarkusTest
class InvalidTextTest extends CognitoIdpTest {

    private static final String REFUSED = "failed to satisfy constraint: Member must not contain NUL, other control characters or unpaired surrogates";

    @Test
    void describeUserPoolDomainWithANulIsAnInvalidParameterNotAnInternalError() {
        InvalidParameterException error = catchThrowableOfType(InvalidParameterException.class,
                () -> cognito.describeUserPoolDomain(r -> r.domain("\u0000")));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value at 'domain' " + REFUSED);
    }

    @Test
    void adminCreateUserWithAControlCharacterInAnAttributeIsRefusedAndCreatesNothing() {
        String pool = newPool("text");
        InvalidParameterException error = catchThrowableOfType(InvalidParameterException.class,
                () -> cognito.adminCreateUser(r -> r.userPoolId(pool).username("ada").messageAction("SUPPRESS")
                        .userAttributes(AttributeType.builder().name("name").value("Ada").build(),
                                AttributeType.builder().name("family_name").value("Love\u0007lace").build())));

        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value at 'userAttributes.2.member.value' " + REFUSED);
        assertThat(cognito.listUsers(r -> r.userPoolId(pool)).users()).isEmpty();
    }

    @Test
    void unauthenticatedSignUpWithANulUsernameIsRefused() {
        String pool = newPool("text");
        String client = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("web")).userPoolClient().clientId();

        CognitoIdentityProviderException error = catchThrowableOfType(CognitoIdentityProviderException.class,
                () -> cognito.signUp(r -> r.clientId(client).username("bob\u0000").password("Text#Pass123")));

        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(error.awsErrorDetails().errorMessage()).contains("'username' " + REFUSED);
        assertThat(cognito.listUsers(r -> r.userPoolId(pool)).users()).isEmpty();
    }

    @Test
    void anUnpairedSurrogateIsRefusedAndAPairIsKept() {
        String pool = newPool("text");

        Response lone = SignedJson.call(endpoint, "CreateGroup",
                "{\"UserPoolId\":\"" + pool + "\",\"GroupName\":\"readers\",\"Description\":\"books \\ud83d\"}");
        assertThat(lone.statusCode()).isEqualTo(400);
        assertThat(lone.jsonPath().getString("__type")).isEqualTo("InvalidParameterException");
        assertThat(lone.jsonPath().getString("message")).isEqualTo("1 validation error detected: Value at 'description' " + REFUSED);
        assertThat(cognito.listGroups(r -> r.userPoolId(pool)).groups()).isEmpty();

        Response pair = SignedJson.call(endpoint, "CreateGroup",
                "{\"UserPoolId\":\"" + pool + "\",\"GroupName\":\"readers\",\"Description\":\"books \\ud83d\\udcda\\tand more\"}");
        assertThat(pair.statusCode()).isEqualTo(200);
        assertThat(cognito.getGroup(r -> r.userPoolId(pool).groupName("readers")).group().description()).isEqualTo("books \uD83D\uDCDA\tand more");
    }
}
