package dev.cognate.userpool.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One authentication event of a user (AdminListUserAuthEvents). {@code eventType} is Cognito's ({@code SignIn},
 * {@code SignUp}, {@code ResendCode}, {@code PasswordChange}, {@code ForgotPassword}) or, beyond Cognito, {@code SignOut} and {@code TokenRevocation};
 * {@code eventResponse} is {@code Pass} or {@code Fail}; {@code challengeResponse} ({@code Success}/{@code Failure}) is
 * the password check's outcome when there was one, {@code mfaResponse} the MFA code's; {@code reason} the audit reason of a refusal ({@code wrong_password},
 * {@code locked}, {@code disabled}, ...).
 */
public record AuthEvent(UUID eventId, String userPoolId, UUID sub, String eventType, String eventResponse, String challengeResponse,
                        String mfaResponse, String reason, String clientId, String authFlow, String ipAddress, Instant createdAt) {

    public static final String SIGN_IN = "SignIn";
    public static final String SIGN_UP = "SignUp";
    public static final String RESEND_CODE = "ResendCode";
    public static final String PASSWORD_CHANGE = "PasswordChange";
    public static final String FORGOT_PASSWORD = "ForgotPassword";
    public static final String SIGN_OUT = "SignOut";
    public static final String TOKEN_REVOCATION = "TokenRevocation";

    /** A new event at {@code time} (kept to microseconds, PostgreSQL's precision, so the page key read back is the one written). */
    public static AuthEvent at(Instant time, String userPoolId, UUID sub, String eventType, boolean passed, String challengeResponse,
                               String reason, String clientId, String authFlow, String ipAddress) {
        return new AuthEvent(UUID.randomUUID(), userPoolId, sub, eventType, passed ? "Pass" : "Fail", challengeResponse, null,
                reason, clientId, authFlow, ipAddress, time.truncatedTo(ChronoUnit.MICROS));
    }

    /** This event with the MFA code's outcome ({@code Success}/{@code Failure}, or null when none was checked). */
    public AuthEvent withMfaResponse(String outcome) {
        return new AuthEvent(eventId, userPoolId, sub, eventType, eventResponse, challengeResponse, outcome, reason, clientId, authFlow,
                ipAddress, createdAt);
    }

    /** The page key of this event in newest-first order. */
    public String pageKey() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, createdAt) + "/" + eventId;
    }
}
