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
 * Which MFA step Cognito asks next: the preferred method, the only one, SELECT_MFA_TYPE among several, the legacy
 * MFAOptions; for MFA ON without a method SMS_MFA to a user with a phone number where the pool offers SMS, else
 * MFA_SETUP with what a sign-in can set up.
 */
class MfaChallengesTest {

    private static final MfaFactors ALL = new MfaFactors(true, true, true, "sms {####}", "email {####}", "subject");
    private static final MfaFactors TOTP_ONLY = new MfaFactors(false, true, false, "sms {####}", "email {####}", "subject");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static UserPool pool(String mfaConfiguration) {
        ObjectNode settings = JSON.createObjectNode();
        if (mfaConfiguration != null) {
            settings.put("MfaConfiguration", mfaConfiguration);
        }
        return new UserPool("us-east-1_Test12345", "pool", settings, Map.of(), Instant.EPOCH, Instant.EPOCH);
    }

    private static Optional<String> step(UserPool pool, User user) {
        return MfaChallenges.mfaStep(pool.config().mfaConfiguration(), ALL, user);
    }

    private static User user(String preferenceJson, String optionsJson) throws Exception {
        return user(preferenceJson, optionsJson, Map.of());
    }

    private static User user(String preferenceJson, String optionsJson, Map<String, String> attributes) throws Exception {
        ObjectNode preference = preferenceJson == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(preferenceJson);
        ArrayNode options = optionsJson == null ? JSON.createArrayNode() : (ArrayNode) JSON.readTree(optionsJson);
        return new User("us-east-1_Test12345", UUID.randomUUID(), "user", UserStatus.CONFIRMED, true, attributes, null, null, null,
                options, preference, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void offAndAbsentConfigurationsNeverAsk() throws Exception {
        User smsPreferred = user("{\"SMS_MFA\": {\"Enabled\": true, \"PreferredMfa\": true}}", null);
        assertThat(step(pool("OFF"), smsPreferred)).isEmpty();
        assertThat(step(pool(null), smsPreferred)).isEmpty();
    }

    @Test
    void onAsksForSetupWithoutAFactorAndForTheFactorOtherwise() throws Exception {
        assertThat(step(pool("ON"), user(null, null))).contains("MFA_SETUP");
        assertThat(step(pool("ON"), user("{\"SMS_MFA\": {\"Enabled\": false, \"PreferredMfa\": false}}", null)))
                .contains("MFA_SETUP");
        assertThat(step(pool("ON"), user("{\"SOFTWARE_TOKEN_MFA\": {\"Enabled\": true, \"PreferredMfa\": true}}",
                null))).contains("SOFTWARE_TOKEN_MFA");
    }

    @Test
    void optionalAsksOnlyUsersWithAnEnabledMethod() throws Exception {
        assertThat(step(pool("OPTIONAL"), user(null, null))).isEqualTo(Optional.empty());
        assertThat(step(pool("OPTIONAL"), user("{\"SOFTWARE_TOKEN_MFA\": {\"Enabled\": true, \"PreferredMfa\": true}}",
                null))).contains("SOFTWARE_TOKEN_MFA");
        assertThat(step(pool("OPTIONAL"), user("{\"EMAIL_OTP\": {\"Enabled\": true, \"PreferredMfa\": false}}",
                null))).contains("EMAIL_OTP");
        assertThat(step(pool("OPTIONAL"), user("{\"SMS_MFA\": {\"Enabled\": true, \"PreferredMfa\": false},"
                + " \"EMAIL_OTP\": {\"Enabled\": true, \"PreferredMfa\": false}}", null))).contains("SELECT_MFA_TYPE");
        assertThat(step(pool("OPTIONAL"), user(null,
                "[{\"DeliveryMedium\": \"SMS\", \"AttributeName\": \"phone_number\"}]"))).contains("SMS_MFA");
    }

    @Test
    void onAsksSmsOfAUserWithAPhoneNumberWherePoolOffersSmsAndSetUpOtherwise() throws Exception {
        User withPhone = user(null, null, Map.of("phone_number", "+15555550100"));
        assertThat(MfaChallenges.mfaStep("ON", ALL, withPhone)).contains("SMS_MFA");
        assertThat(MfaChallenges.mfaStep("ON", TOTP_ONLY, withPhone)).contains("MFA_SETUP");
        assertThat(MfaChallenges.mfaStep("OPTIONAL", ALL, withPhone)).isEmpty();
    }

    @Test
    void setUpOffersTheSoftwareTokenAndEmailThePoolOffers() {
        assertThat(MfaChallenges.setupChoices(ALL)).containsExactly("SOFTWARE_TOKEN_MFA", "EMAIL_OTP");
        assertThat(MfaChallenges.setupChoices(TOTP_ONLY)).containsExactly("SOFTWARE_TOKEN_MFA");
        assertThat(MfaChallenges.setupChoices(new MfaFactors(true, false, false, "", "", ""))).isEmpty();
    }
}
