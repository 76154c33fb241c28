package dev.cognate.hostedui.web;

/** What the MFA code form shows: where it posts, its CSRF token and the error of the last try, if any. */
public record MfaCodeView(String action, String csrf, String error) {
}
