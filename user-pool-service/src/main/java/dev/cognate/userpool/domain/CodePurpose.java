package dev.cognate.userpool.domain;

import java.time.Duration;

/**
 * What a one-time code proves, with Cognito's lifetime for it and the trigger source its message carries
 * ({@code MessageEvents.DeliveryRequested.purpose}, also part of the sealed code's additional data).
 */
public enum CodePurpose {
    /** SignUp / ResendConfirmationCode → ConfirmSignUp: 24 hours, as Cognito. */
    SIGN_UP("CustomMessage_SignUp", Duration.ofHours(24)),
    /**
     * GetUserAttributeVerificationCode or UpdateUserAttributes → VerifyUserAttribute for the email: 24 hours. One purpose per
     * attribute, so that a new phone number code does not replace a live email code.
     */
    EMAIL_VERIFICATION("CustomMessage_VerifyUserAttribute", Duration.ofHours(24)),
    /** The same for the phone number. */
    PHONE_NUMBER_VERIFICATION("CustomMessage_VerifyUserAttribute", Duration.ofHours(24)),
    /** ForgotPassword / AdminResetUserPassword → ConfirmForgotPassword: one hour, as Cognito. */
    PASSWORD_RESET("CustomMessage_ForgotPassword", Duration.ofHours(1));

    private final String triggerSource;
    private final Duration lifetime;

    CodePurpose(String triggerSource, Duration lifetime) {
        this.triggerSource = triggerSource;
        this.lifetime = lifetime;
    }

    /** The verification purpose of {@code email} or {@code phone_number}. */
    public static CodePurpose verificationOf(String attribute) {
        return SignInIdentifiers.EMAIL.equals(attribute) ? EMAIL_VERIFICATION : PHONE_NUMBER_VERIFICATION;
    }

    public String triggerSource() {
        return triggerSource;
    }

    public Duration lifetime() {
        return lifetime;
    }
}
