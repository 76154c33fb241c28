package dev.cognate.userpool.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.domain.UserPool;

/**
 * The second factors a pool offers (SetUserPoolMfaConfig): SMS when it has an {@code SmsMfaConfiguration} (or, as
 * CreateUserPool sets it, an {@code SmsConfiguration}), software tokens when {@code SoftwareTokenMfaConfiguration.Enabled},
 * email when it has an {@code EmailMfaConfiguration}; with the texts of the codes it sends.
 *
 * @param smsMessage   {@code SmsAuthenticationMessage}, Cognito's default when absent
 * @param emailMessage {@code EmailMfaConfiguration.Message}, Cognate's default when absent
 * @param emailSubject {@code EmailMfaConfiguration.Subject}, Cognate's default when absent
 */
public record MfaFactors(boolean sms, boolean softwareToken, boolean email, String smsMessage, String emailMessage, String emailSubject) {

    /** Cognito's default {@code SmsAuthenticationMessage}. */
    static final String DEFAULT_SMS_MESSAGE = "Your authentication code is {####}. ";
    static final String DEFAULT_EMAIL_MESSAGE = "Your authentication code is {####}.";
    static final String DEFAULT_EMAIL_SUBJECT = "Your authentication code";

    /** @param mfaConfig the pool's stored MFA configuration ({@code null} when none) */
    public static MfaFactors of(UserPool pool, ObjectNode mfaConfig) {
        JsonNode config = mfaConfig == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : mfaConfig;
        JsonNode email = config.path("EmailMfaConfiguration");
        boolean sms = config.path("SmsMfaConfiguration").isObject() || pool.settings().path("SmsConfiguration").isObject();
        return new MfaFactors(sms, config.path("SoftwareTokenMfaConfiguration").path("Enabled").asBoolean(false), email.isObject(),
                text(pool.settings().path("SmsAuthenticationMessage"), DEFAULT_SMS_MESSAGE), text(email.path("Message"), DEFAULT_EMAIL_MESSAGE),
                text(email.path("Subject"), DEFAULT_EMAIL_SUBJECT));
    }

    private static String text(JsonNode value, String fallback) {
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : fallback;
    }
}
