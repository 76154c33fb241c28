package dev.cognate.tokens;

/**
 * A token that is not accepted, with the {@link Reason} why. The reason is for logs, audit events and the choice of
 * the caller's wire error (an expired token may deserve its own message, as Cognito's "Access Token has expired");
 * it is never shown to a client as is.
 */
public class TokenRejectedException extends RuntimeException {

    /** Why a token was rejected. */
    public enum Reason {
        /** Not a compact JWS: wrong number of parts, bad base64url, header or payload not a JSON object, too long. */
        MALFORMED,
        /** The header names an algorithm this verifier does not allow ({@code none}, {@code HS256}, or one not on its list). */
        ALGORITHM_NOT_ALLOWED,
        /** The header has no {@code kid}, or carries a header this verifier does not process ({@code crit}, {@code b64}). */
        UNSUPPORTED_HEADER,
        /** No published key has the token's {@code kid}, even after the key set was fetched again (when allowed). */
        UNKNOWN_KID,
        /** The key with the token's {@code kid} is not a key for the token's algorithm (type, curve, {@code alg} or {@code use}). */
        KEY_MISMATCH,
        /** The signature does not verify with the key the {@code kid} names. */
        BAD_SIGNATURE,
        /** The key set could not be loaded (the issuer's JWKS is unreachable or unreadable). */
        KEYS_UNAVAILABLE,
        /** A claim the checks require is absent or of the wrong JSON type. */
        MISSING_CLAIM,
        WRONG_ISSUER,
        WRONG_AUDIENCE,
        WRONG_TOKEN_USE,
        /** {@code exp} is not after now. */
        EXPIRED,
        /** {@code nbf} is later than now plus the clock skew. */
        NOT_YET_VALID,
        /** {@code iat} is later than now plus the clock skew. */
        ISSUED_IN_FUTURE
    }

    private final Reason reason;

    public TokenRejectedException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public TokenRejectedException(Reason reason, String detail, Throwable cause) {
        super(reason + ": " + detail, cause, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
