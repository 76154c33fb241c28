package dev.cognate.userpool.domain;

import java.time.Duration;

/**
 * What a one-time code proves, with Cognito's lifetime for it and the trigger source its message carries
 * ({@code MessageEvents.DeliveryRequested.purpose}, also part of the sealed code's additional data).
 */
public enum CodePurpose {
    /** SignUp / ResendConfirmationCode → ConfirmSignUp: 24 hours, as Cognito. */
    SIGN_UP("CustomMessage_SignUp", Duration.ofHours(24)),
    /** GetUserAttributeVerificationCode → VerifyUserAttribute: 24 hours. */
    ATTRIBUTE_VERIFICATION("CustomMessage_VerifyUserAttribute", Duration.ofHours(24)),
    /** ForgotPassword / AdminResetUserPassword → ConfirmForgotPassword: one hour, as Cognito. */
    PASSWORD_RESET("CustomMessage_ForgotPassword", Duration.ofHours(1));

    private final String triggerSource;
    private final Duration lifetime;

    CodePurpose(String triggerSource, Duration lifetime) {
        this.triggerSource = triggerSource;
        this.lifetime = lifetime;
    }

    public String triggerSource() {
        return triggerSource;
    }

    public Duration lifetime() {
        return lifetime;
    }
}
