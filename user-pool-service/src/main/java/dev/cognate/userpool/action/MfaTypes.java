package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.awsprotocol.AwsJson;
import dev.cognate.awsprotocol.Validation;

import java.util.List;
import java.util.regex.Pattern;

/** The MFA configuration shapes of SetUserPoolMfaConfig and GetUserPoolMfaConfig, with their constraints. */
public final class MfaTypes {

    static final List<String> MFA_CONFIGURATIONS = List.of("OFF", "ON", "OPTIONAL");
    static final List<String> USER_VERIFICATIONS = List.of("required", "preferred");
    static final Pattern SMS_MESSAGE = Pattern.compile(".*\\{####\\}.*");
    static final Pattern EMAIL_MESSAGE = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*");
    static final Pattern EMAIL_SUBJECT = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s]+");

    public record SmsConfigurationType(String snsCallerArn, String externalId, String snsRegion) {
    }

    public record SmsMfaConfigType(String smsAuthenticationMessage, SmsConfigurationType smsConfiguration) {
    }

    public record SoftwareTokenMfaConfigType(Boolean enabled) {
    }

    public record EmailMfaConfigType(String message, String subject) {
    }

    public record WebAuthnConfigurationType(String relyingPartyId, String userVerification) {
    }

    private MfaTypes() {
    }

    static Validation sms(Validation validation, SmsMfaConfigType sms) {
        if (sms == null) {
            return validation;
        }
        String message = sms.smsAuthenticationMessage();
        validation.length("smsMfaConfiguration.smsAuthenticationMessage", message, 6, 140)
                .pattern("smsMfaConfiguration.smsAuthenticationMessage", message, SMS_MESSAGE);
        SmsConfigurationType config = sms.smsConfiguration();
        if (config != null) {
            validation.required("smsMfaConfiguration.smsConfiguration.snsCallerArn", config.snsCallerArn())
                    .length("smsMfaConfiguration.smsConfiguration.snsCallerArn", config.snsCallerArn(), 20, 2048)
                    .pattern("smsMfaConfiguration.smsConfiguration.snsCallerArn", config.snsCallerArn(), GroupRequests.ARN)
                    .length("smsMfaConfiguration.smsConfiguration.snsRegion", config.snsRegion(), 5, 32);
        }
        return validation;
    }

    static Validation email(Validation validation, EmailMfaConfigType email) {
        if (email == null) {
            return validation;
        }
        return validation.length("emailMfaConfiguration.message", email.message(), 6, 20000)
                .pattern("emailMfaConfiguration.message", email.message(), EMAIL_MESSAGE)
                .length("emailMfaConfiguration.subject", email.subject(), 1, 140)
                .pattern("emailMfaConfiguration.subject", email.subject(), EMAIL_SUBJECT);
    }

    static Validation webAuthn(Validation validation, WebAuthnConfigurationType webAuthn) {
        if (webAuthn == null) {
            return validation;
        }
        return validation.length("webAuthnConfiguration.relyingPartyId", webAuthn.relyingPartyId(), 1, 127)
                .oneOf("webAuthnConfiguration.userVerification", webAuthn.userVerification(), USER_VERIFICATIONS);
    }

    /** A shape in its wire form, or {@code null}. */
    static JsonNode wire(Object shape) {
        return shape == null ? null : AwsJson.MAPPER.valueToTree(shape);
    }
}
