package dev.cognate.userpool.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which MFA step Cognito would ask next, so that the engine refuses it: the cases the API cannot set up yet (a verified
 * TOTP authenticator, several methods without a preference, the legacy MFAOptions) included.
 */
class UnsupportedMfaGuardTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static UserPool pool(String mfaConfiguration) {
        ObjectNode settings = JSON.createObjectNode();
        if (mfaConfiguration != null) {
            settings.put("MfaConfiguration", mfaConfiguration);
        }
        return new UserPool("us-east-1_Test12345", "pool", settings, Map.of(), Instant.EPOCH, Instant.EPOCH);
    }

    private static User user(String preferenceJson, String optionsJson) throws Exception {
        ObjectNode preference = preferenceJson == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(preferenceJson);
        ArrayNode options = optionsJson == null ? JSON.createArrayNode() : (ArrayNode) JSON.readTree(optionsJson);
        return new User("us-east-1_Test12345", UUID.randomUUID(), "user", UserStatus.CONFIRMED, true, Map.of(), null, null, null,
                options, preference, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void offAndAbsentConfigurationsNeverAsk() throws Exception {
        User smsPreferred = user("{\"SMS_MFA\": {\"Enabled\": true, \"PreferredMfa\": true}}", null);
        assertThat(UnsupportedMfaGuard.mfaStep(pool("OFF"), smsPreferred)).isEmpty();
        assertThat(UnsupportedMfaGuard.mfaStep(pool(null), smsPreferred)).isEmpty();
    }

    @Test
    void onAsksForSetupWithoutAFactorAndForTheFactorOtherwise() throws Exception {
        assertThat(UnsupportedMfaGuard.mfaStep(pool("ON"), user(null, null))).contains("MFA_SETUP");
        assertThat(UnsupportedMfaGuard.mfaStep(pool("ON"), user("{\"SMS_MFA\": {\"Enabled\": false, \"PreferredMfa\": false}}", null)))
                .contains("MFA_SETUP");
        assertThat(UnsupportedMfaGuard.mfaStep(pool("ON"), user("{\"SOFTWARE_TOKEN_MFA\": {\"Enabled\": true, \"PreferredMfa\": true}}",
                null))).contains("SOFTWARE_TOKEN_MFA");
    }

    @Test
    void optionalAsksOnlyUsersWithAnEnabledMethod() throws Exception {
        assertThat(UnsupportedMfaGuard.mfaStep(pool("OPTIONAL"), user(null, null))).isEqualTo(Optional.empty());
        assertThat(UnsupportedMfaGuard.mfaStep(pool("OPTIONAL"), user("{\"SOFTWARE_TOKEN_MFA\": {\"Enabled\": true, \"PreferredMfa\": true}}",
                null))).contains("SOFTWARE_TOKEN_MFA");
        assertThat(UnsupportedMfaGuard.mfaStep(pool("OPTIONAL"), user("{\"EMAIL_OTP\": {\"Enabled\": true, \"PreferredMfa\": false}}",
                null))).contains("EMAIL_OTP");
        assertThat(UnsupportedMfaGuard.mfaStep(pool("OPTIONAL"), user("{\"SMS_MFA\": {\"Enabled\": true, \"PreferredMfa\": false},"
                + " \"EMAIL_OTP\": {\"Enabled\": true, \"PreferredMfa\": false}}", null))).contains("SELECT_MFA_TYPE");
        assertThat(UnsupportedMfaGuard.mfaStep(pool("OPTIONAL"), user(null,
                "[{\"DeliveryMedium\": \"SMS\", \"AttributeName\": \"phone_number\"}]"))).contains("SMS_MFA");
    }
}
