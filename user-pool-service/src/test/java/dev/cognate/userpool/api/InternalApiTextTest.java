package dev.cognate.userpool.api;

import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static dev.cognate.userpool.api.HostedUiApi.assertError;
import static dev.cognate.userpool.api.HostedUiApi.postRaw;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The internal API, on its own port, refuses NUL, other control characters and unpaired surrogates in any string member
 * or member name as the public JSON API does (libs/aws-protocol's text check): a 400 {@code InvalidParameterException}
 * with the same message, and nothing written. Tab, line feed and surrogate pairs stay text.
 */
@QuarkusTest
class InternalApiTextTest extends CognitoIdpTest {

    private static final String REFUSED = "failed to satisfy constraint: Member must not contain NUL, other control characters or unpaired surrogates";

    @Test
    void aNulInASignUpUsernameIsRefusedAndCreatesNoUser() {
        String poolId = newPool("internal text");
        String clientId = HostedUiApi.hostedClient(cognito, poolId, null);

        assertError(postRaw(clientId, "sign-up", "{\"username\":\"eve\\u0000\",\"password\":\"Text#Pass123\",\"attributes\":{}}"),
                400, "InvalidParameterException", "1 validation error detected: Value at 'username' " + REFUSED);

        assertThat(cognito.listUsers(r -> r.userPoolId(poolId)).users()).isEmpty();
    }

    @Test
    void aControlCharacterInANestedAttributeValueIsRefusedAndCreatesNoUser() {
        String poolId = newPool("internal text");
        String clientId = HostedUiApi.hostedClient(cognito, poolId, null);

        Response response = postRaw(clientId, "sign-up",
                "{\"username\":\"eve\",\"password\":\"Text#Pass123\",\"attributes\":{\"name\":\"Eve\\u0007\"}}");

        assertRefusedText(response);
        assertThat(cognito.listUsers(r -> r.userPoolId(poolId)).users()).isEmpty();
    }

    @Test
    void anUnpairedSurrogateOrAControlCharacterInAMemberNameIsRefused() {
        String poolId = newPool("internal text");
        String clientId = HostedUiApi.hostedClient(cognito, poolId, null);

        assertError(postRaw(clientId, "sign-in", "{\"username\":\"eve\",\"password\":\"pass\\ud800word\"}"),
                400, "InvalidParameterException", "1 validation error detected: Value at 'password' " + REFUSED);
        assertRefusedText(postRaw(clientId, "sign-in", "{\"username\":\"eve\",\"pass\\u001bword\":\"x\"}"));
    }

    @Test
    void tabsLineBreaksAndSurrogatePairsAreStillText() {
        String poolId = newPool("internal text");
        String clientId = HostedUiApi.hostedClient(cognito, poolId, null);

        Response response = postRaw(clientId, "sign-up",
                "{\"username\":\"eve\",\"password\":\"Text#Pass123\",\"attributes\":{\"name\":\"Eve\\t\\ud83d\\ude00\"}}");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("eve")).userAttributes())
                .anySatisfy(attribute -> {
                    assertThat(attribute.name()).isEqualTo("name");
                    assertThat(attribute.value()).isEqualTo("Eve\t\ud83d\ude00");
                });
    }

    private static void assertRefusedText(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.header("x-amzn-ErrorType")).isEqualTo("InvalidParameterException");
        assertThat(response.jsonPath().getString("__type")).isEqualTo("InvalidParameterException");
        assertThat(response.jsonPath().getString("message")).startsWith("1 validation error detected: Value at '").endsWith(REFUSED);
    }
}
