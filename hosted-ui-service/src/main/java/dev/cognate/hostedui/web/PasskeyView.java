package dev.cognate.hostedui.web;

/**
 * What the passkey page shows: where it posts, its CSRF token, the error of the last try (if any), the engine's
 * {@code CREDENTIAL_REQUEST_OPTIONS} (PublicKeyCredentialRequestOptionsJSON, handed to the page's script in a data
 * attribute, escaped like every value) and the sign-in form's URL (another way to sign in).
 */
public record PasskeyView(String action, String csrf, String error, String options, String signInUrl) {
}
