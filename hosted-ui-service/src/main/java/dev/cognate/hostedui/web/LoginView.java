package dev.cognate.hostedui.web;

import java.util.List;

/**
 * What the sign-in form shows. {@code username} is the value the user typed (or {@code login_hint}); the password is
 * never sent back. {@code error} and {@code notice} are plain text; the template escapes every value. {@code passwordless}
 * are the password-less first factors offered as buttons ({@code WEB_AUTHN}, {@code EMAIL_OTP}, {@code SMS_OTP}).
 * {@code userPoolSignIn}: the client supports {@code COGNITO} (the username and password form); {@code providers}: a
 * button per identity provider of the client; {@code corporateId}: the form that finds a provider by email domain or
 * identifier (some provider has {@code IdpIdentifiers}), with what was typed there and its error.
 */
public record LoginView(String action, String csrf, String username, boolean emailLogin, String error, String notice,
                        String signUpUrl, String forgotPasswordUrl, List<String> passwordless, boolean userPoolSignIn,
                        List<ProviderButton> providers, boolean corporateId, String corporateIdValue, String corporateIdError) {

    /** One provider's button: its label and the {@code /oauth2/authorize} URL that names it. */
    public record ProviderButton(String label, String url) {
    }

    public boolean offers(String factor) {
        return passwordless.contains(factor);
    }
}
