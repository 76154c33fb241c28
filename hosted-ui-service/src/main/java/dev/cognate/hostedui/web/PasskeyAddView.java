package dev.cognate.hostedui.web;

/**
 * What {@code /passkeys/add} shows: where it posts, its CSRF token, the error of the last try (if any) and the creation
 * options (PublicKeyCredentialCreationOptionsJSON, handed to the page's script in a data attribute, escaped like every
 * value) — null when no passkey can be created now (the error says why; no button then).
 */
public record PasskeyAddView(String action, String csrf, String error, String options) {
}
