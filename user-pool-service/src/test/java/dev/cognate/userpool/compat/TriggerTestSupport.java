package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the trigger tests share: reading the events a function received, and asserting the error a client saw. */
final class TriggerTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TriggerTestSupport() {
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The call fails with Cognito's error {@code type} and exactly {@code message}, as the AWS SDK reports it. */
    static void assertCognitoError(Runnable call, String type, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CognitoIdentityProviderException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(type);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }
}
