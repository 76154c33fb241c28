package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The texts of a pool's messages, from its settings with Cognito's defaults: the AdminCreateUser
 * invitation ({@code AdminCreateUserConfig.InviteMessageTemplate}) and verification codes
 * ({@code VerificationMessageTemplate}, or the legacy {@code EmailVerificationMessage} members). The
 * {@code {username}} placeholder is filled here; {@code {####}} stays for trigger-runner, which alone sees
 * the secret.
 */
public record MessageTemplates(JsonNode settings) {

    /** A message ready for delivery but for its secret. */
    public record Rendered(String subject, String message) {
    }

    static final String DEFAULT_INVITATION = "Your username is {username} and temporary password is {####}.";
    static final String DEFAULT_INVITATION_SUBJECT = "Your temporary password";
    static final String DEFAULT_CODE = "Your verification code is {####}.";
    static final String DEFAULT_CODE_SUBJECT = "Your verification code";

    public Rendered invitation(String medium, String username) {
        JsonNode template = settings.path("AdminCreateUserConfig").path("InviteMessageTemplate");
        return "EMAIL".equals(medium)
                ? new Rendered(text(template, "EmailSubject", DEFAULT_INVITATION_SUBJECT), fill(text(template, "EmailMessage", DEFAULT_INVITATION), username))
                : new Rendered(null, fill(text(template, "SMSMessage", DEFAULT_INVITATION), username));
    }

    public Rendered verificationCode(String medium, String username) {
        JsonNode template = settings.path("VerificationMessageTemplate");
        if ("EMAIL".equals(medium)) {
            String subject = text(template, "EmailSubject", text(settings, "EmailVerificationSubject", DEFAULT_CODE_SUBJECT));
            String message = text(template, "EmailMessage", text(settings, "EmailVerificationMessage", DEFAULT_CODE));
            return new Rendered(subject, fill(message, username));
        }
        return new Rendered(null, fill(text(template, "SmsMessage", text(settings, "SmsVerificationMessage", DEFAULT_CODE)), username));
    }

    /** {@code EmailConfiguration.From}, or {@code null} for the installation's sender. */
    public String from() {
        return settings.path("EmailConfiguration").path("From").asText(null);
    }

    public String replyTo() {
        return settings.path("EmailConfiguration").path("ReplyToEmailAddress").asText(null);
    }

    private static String fill(String template, String username) {
        return template.replace("{username}", username);
    }

    private static String text(JsonNode node, String member, String fallback) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() || value.asText().isEmpty() ? fallback : value.asText();
    }
}
