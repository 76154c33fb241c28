package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;

import java.util.Arrays;
import java.util.List;

/**
 * One SetUserMFAPreference / AdminSetUserMFAPreference request: which MFA methods a user has enabled and which one is
 * preferred. Methods the request leaves out keep their settings; preferring one method un-prefers the others. Software
 * token MFA needs a verified authenticator ({@link #enablesSoftwareToken}, checked against the user's by the services).
 */
public record MfaPreferenceUpdate(Setting sms, Setting softwareToken, Setting email) {

    /** The methods, as {@code UserMFASettingList} names them, in the order of this record's components. */
    public static final List<String> METHODS = List.of("SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP");

    /** One method's {@code Enabled} / {@code PreferredMfa}, each optional. */
    public record Setting(Boolean enabled, Boolean preferredMfa) {

        boolean preferred() {
            return Boolean.TRUE.equals(preferredMfa);
        }
    }

    /** Cognito's refusals of an inconsistent request ({@code InvalidParameterException}). */
    public MfaPreferenceUpdate validate() {
        List<Setting> given = given();
        if (given.stream().filter(setting -> setting != null && setting.preferred()).count() > 1) {
            throw CognitoException.invalidParameter("Only one MFA method can be preferred.");
        }
        for (Setting setting : given) {
            if (setting != null && setting.preferred() && Boolean.FALSE.equals(setting.enabled())) {
                throw CognitoException.invalidParameter("A preferred MFA method must be enabled.");
            }
        }
        return this;
    }

    /**
     * Cognito's refusal to turn on SMS MFA for a user without a phone number, or email MFA for one without an email:
     * {@code InvalidParameterException} "User does not have delivery config set to turn on SMS_MFA" (EMAIL_OTP).
     */
    public void requireDeliveryFor(User user) {
        if (turnsOn(sms) && user.attribute(SignInIdentifiers.PHONE_NUMBER) == null) {
            throw CognitoException.invalidParameter("User does not have delivery config set to turn on SMS_MFA");
        }
        if (turnsOn(email) && user.attribute(SignInIdentifiers.EMAIL) == null) {
            throw CognitoException.invalidParameter("User does not have delivery config set to turn on EMAIL_OTP");
        }
    }

    /** The same rule for the legacy {@code MFAOptions} of SetUserSettings / AdminSetUserSettings (SMS to the phone number). */
    public static com.fasterxml.jackson.databind.node.ArrayNode requireLegacyDelivery(com.fasterxml.jackson.databind.node.ArrayNode options,
                                                                                      User user) {
        for (com.fasterxml.jackson.databind.JsonNode option : options) {
            if ("SMS".equals(option.path("DeliveryMedium").asText()) && user.attribute(SignInIdentifiers.PHONE_NUMBER) == null) {
                throw CognitoException.invalidParameter("User does not have delivery config set to turn on SMS_MFA");
            }
        }
        return options;
    }

    private static boolean turnsOn(Setting setting) {
        return setting != null && (Boolean.TRUE.equals(setting.enabled()) || setting.preferred());
    }

    /** Whether this request enables or prefers software token MFA (which needs a verified authenticator). */
    public boolean enablesSoftwareToken() {
        return softwareToken != null && (Boolean.TRUE.equals(softwareToken.enabled()) || softwareToken.preferred());
    }

    /** The user's stored preference after this request. */
    public ObjectNode applyTo(ObjectNode current) {
        ObjectNode preference = current.deepCopy();
        List<Setting> given = given();
        boolean newPreferred = given.stream().anyMatch(setting -> setting != null && setting.preferred());
        for (int i = 0; i < METHODS.size(); i++) {
            String method = METHODS.get(i);
            Setting setting = given.get(i);
            ObjectNode stored = preference.has(method) ? (ObjectNode) preference.get(method) : preference.putObject(method);
            if (setting != null && setting.enabled() != null) {
                stored.put("Enabled", setting.enabled());
                if (!setting.enabled()) {
                    stored.put("PreferredMfa", false);
                }
            }
            if (setting != null && setting.preferredMfa() != null) {
                stored.put("PreferredMfa", setting.preferredMfa());
            } else if (newPreferred) {
                stored.put("PreferredMfa", false);
            }
            if (stored.path("PreferredMfa").asBoolean(false)) {
                stored.put("Enabled", true);
            }
        }
        return preference;
    }

    private List<Setting> given() {
        return Arrays.asList(sms, softwareToken, email);
    }
}
