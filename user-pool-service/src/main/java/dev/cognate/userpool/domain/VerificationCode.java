package dev.cognate.userpool.domain;

import dev.cognate.awsprotocol.CognitoException;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's live one-time code for one {@link CodePurpose}, as stored: only its salted, keyed hash (see
 * {@code crypto/VerificationCodeHasher}), when it expires, and how many wrong codes were tried against it.
 *
 * @param attributeName the attribute the code was sent to ({@code email} or {@code phone_number})
 */
public record VerificationCode(String userPoolId, UUID sub, CodePurpose purpose, String attributeName, byte[] salt,
                               byte[] codeHash, Instant expiresAt, int failedAttempts, Instant createdAt) {

    /** Wrong codes a code survives; after that it no longer works, even when right, until a new one is sent. */
    public static final int MAX_FAILED_ATTEMPTS = 5;
    /** Codes one user may be sent per {@link #SEND_WINDOW}. */
    public static final int MAX_SENDS_PER_WINDOW = 5;
    public static final java.time.Duration SEND_WINDOW = java.time.Duration.ofHours(1);

    /** What checking a code found, in the order it is decided. */
    public enum Outcome {
        /** No live code for this purpose (never sent, or already used). */
        NONE,
        /** Too many wrong codes were tried. */
        ATTEMPTS_EXCEEDED,
        EXPIRED,
        MISMATCH,
        MATCH
    }

    /** The outcome for a code whose hash comparison gave {@code matches}, at {@code now}. */
    public Outcome outcome(boolean matches, Instant now) {
        if (failedAttempts >= MAX_FAILED_ATTEMPTS) {
            return Outcome.ATTEMPTS_EXCEEDED;
        }
        if (!now.isBefore(expiresAt)) {
            return Outcome.EXPIRED;
        }
        return matches ? Outcome.MATCH : Outcome.MISMATCH;
    }

    /** Cognito's answer to a code that is not the user's live one. */
    public static CognitoException codeMismatch() {
        return new CognitoException("CodeMismatchException", "Invalid verification code provided, please try again.");
    }

    /** Cognito's answer to an expired code. */
    public static CognitoException expiredCode() {
        return new CognitoException("ExpiredCodeException", "Invalid code provided, please request a code again.");
    }

    /** Cognito's answer once too many codes were tried or sent. */
    public static CognitoException attemptLimitExceeded() {
        return new CognitoException("LimitExceededException", "Attempt limit exceeded, please try after some time.");
    }

    /** The exception a failed outcome answers; {@code null} for {@link Outcome#MATCH}. */
    public static CognitoException failure(Outcome outcome) {
        return switch (outcome) {
            case NONE, MISMATCH -> codeMismatch();
            case EXPIRED -> expiredCode();
            case ATTEMPTS_EXCEEDED -> attemptLimitExceeded();
            case MATCH -> null;
        };
    }
}
