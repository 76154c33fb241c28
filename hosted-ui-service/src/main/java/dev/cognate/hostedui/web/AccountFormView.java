package dev.cognate.hostedui.web;

import java.util.List;

/**
 * What the sign-up, confirmation and password-reset forms show. {@code username} and {@code attributes} carry what
 * the user typed (passwords and codes never come back); {@code resendAction} is the confirmation page's second form.
 */
public record AccountFormView(String action, String csrf, String username, boolean emailLogin, String error,
                              String notice, List<AttributeInput> attributes, String resendAction, String signInUrl) {
}
