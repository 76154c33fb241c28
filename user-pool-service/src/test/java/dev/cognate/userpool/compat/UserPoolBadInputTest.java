package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input answers Cognito's exceptions through the SDK, and changes nothing. */
@QuarkusTest
class UserPoolBadInputTest extends CognitoIdpTest {


    @Test
    void rejectsCreateWithoutPoolName() {
        assertRefusedWithoutChange(() -> cognito.createUserPool(r -> r.mfaConfiguration("OFF")), InvalidParameterException.class,
                "1 validation error detected: Value null at 'poolName' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void rejectsPoolNameOutsideTheAllowedPattern() {
        assertRefusedWithoutChange(() -> cognito.createUserPool(r -> r.poolName("bad/name")), InvalidParameterException.class,
                "Value 'bad/name' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern");
    }

    @Test
    void rejectsUnknownMfaConfiguration() {
        assertRefusedWithoutChange(() -> cognito.createUserPool(r -> r.poolName("enum " + unique())
                        .mfaConfiguration("SOMETIMES")), InvalidParameterException.class,
                "Value 'SOMETIMES' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]");
    }

    @Test
    void rejectsAliasAndUsernameAttributesTogether() {
        assertRefusedWithoutChange(() -> cognito.createUserPool(r -> r.poolName("both " + unique())
                        .aliasAttributesWithStrings("email").usernameAttributesWithStrings("email")),
                InvalidParameterException.class, "cannot be set together");
    }

    @Test
    void rejectsUnknownPoolOnEveryAction() {
        String missing = "us-east-1_Nope12345";
        String message = "User pool " + missing + " does not exist.";
        assertThatThrownBy(() -> cognito.describeUserPool(r -> r.userPoolId(missing)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.updateUserPool(r -> r.userPoolId(missing)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.deleteUserPool(r -> r.userPoolId(missing)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
    }

    @Test
    void rejectsMalformedPoolId() {
        assertThatThrownBy(() -> cognito.describeUserPool(r -> r.userPoolId("no-underscore")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern");
    }

    @Test
    void rejectsListWithoutOrOutOfRangeMaxResults() {
        assertThatThrownBy(() -> cognito.listUserPools(r -> r.nextToken(null)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Value null at 'maxResults'");
        assertThatThrownBy(() -> cognito.listUserPools(r -> r.maxResults(61)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60");
        assertThatThrownBy(() -> cognito.listUserPools(r -> r.maxResults(0)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("greater than or equal to 1");
    }

    @Test
    void rejectsForgedPaginationToken() {
        assertThatThrownBy(() -> cognito.listUserPools(r -> r.maxResults(10).nextToken("not-a-token!")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid pagination token.");
    }

    private void assertRefusedWithoutChange(Runnable call, Class<? extends CognitoIdentityProviderException> expected, String message) {
        List<String> before = allPoolIds();
        assertThatThrownBy(call::run).isInstanceOf(expected).hasMessageContaining(message)
                .satisfies(e -> assertThat(((CognitoIdentityProviderException) e).statusCode()).isEqualTo(400));
        assertThat(allPoolIds()).isEqualTo(before);
    }

    private List<String> allPoolIds() {
        return cognito.listUserPoolsPaginator(r -> r.maxResults(60)).userPools().stream().map(UserPoolDescriptionType::id).toList();
    }
}
