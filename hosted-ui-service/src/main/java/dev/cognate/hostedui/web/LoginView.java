package dev.cognate.hostedui.web;

/**
 * What the sign-in form shows. {@code username} is the value the user typed (or {@code login_hint}); the password is
 * never sent back. {@code error} and {@code notice} are plain text; the template escapes every value. {@code passwordless}
 * are the password-less first factors offered as buttons ({@code WEB_AUTHN}, {@code EMAIL_OTP}, {@code SMS_OTP}).
 */
public record LoginView(String action, String csrf, String username, boolean emailLogin, String error, String notice,
                        String signUpUrl, String forgotPasswordUrl, java.util.List<String> passwordless) {

    public boolean offers(String factor) {
        return passwordless.contains(factor);
    }
}
