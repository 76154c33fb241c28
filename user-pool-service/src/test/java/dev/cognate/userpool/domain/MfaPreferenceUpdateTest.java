package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The MFA preference rules SetUserMFAPreference and AdminSetUserMFAPreference share. */
class MfaPreferenceUpdateTest {

    private static final MfaPreferenceUpdate.Setting ENABLED_PREFERRED = new MfaPreferenceUpdate.Setting(true, true);

    @Test
    void preferringOneMethodUnprefersTheOthersAndKeepsWhatTheRequestLeavesOut() {
        ObjectNode current = JsonNodeFactory.instance.objectNode();
        current.putObject("EMAIL_OTP").put("Enabled", true).put("PreferredMfa", true);

        ObjectNode after = new MfaPreferenceUpdate(ENABLED_PREFERRED, null, null).validate().applyTo(current);

        assertThat(after.path("SMS_MFA").path("PreferredMfa").asBoolean()).isTrue();
        assertThat(after.path("EMAIL_OTP").path("Enabled").asBoolean()).isTrue();
        assertThat(after.path("EMAIL_OTP").path("PreferredMfa").asBoolean()).isFalse();
        assertThat(current.path("EMAIL_OTP").path("PreferredMfa").asBoolean()).as("the stored node is not changed in place").isTrue();
    }

    @Test
    void refusesTwoPreferredAndADisabledPreferredMethod() {
        assertThatThrownBy(() -> new MfaPreferenceUpdate(ENABLED_PREFERRED, null, ENABLED_PREFERRED).validate())
                .isInstanceOf(CognitoException.class).hasMessage("Only one MFA method can be preferred.");
        assertThatThrownBy(() -> new MfaPreferenceUpdate(new MfaPreferenceUpdate.Setting(false, true), null, null).validate())
                .isInstanceOf(CognitoException.class).hasMessage("A preferred MFA method must be enabled.");
    }

    @Test
    void saysWhetherItEnablesSoftwareTokenMfaWhichNeedsAVerifiedAuthenticator() {
        assertThat(new MfaPreferenceUpdate(null, new MfaPreferenceUpdate.Setting(true, null), null).enablesSoftwareToken()).isTrue();
        assertThat(new MfaPreferenceUpdate(null, new MfaPreferenceUpdate.Setting(null, true), null).enablesSoftwareToken()).isTrue();
        assertThat(new MfaPreferenceUpdate(null, new MfaPreferenceUpdate.Setting(false, false), null).enablesSoftwareToken()).isFalse();
        assertThat(new MfaPreferenceUpdate(ENABLED_PREFERRED, null, null).enablesSoftwareToken()).isFalse();
    }
}
