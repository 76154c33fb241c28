package dev.cognate.hostedui.web;

/**
 * What the MFA code form shows: where it posts, its CSRF token, the error of the last try (if any), the sentence that
 * says where the code comes from (the authenticator app, or the masked phone number or address it was sent to) and
 * the longest code the field takes.
 */
public record MfaCodeView(String action, String csrf, String error, String intro, int maxLength) {
}
