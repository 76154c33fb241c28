package dev.cognate.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.tokens.TokenRejectedException.Reason;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a verified token's claims must say, checked in this order: {@code iss} (exact), {@code token_use} (Cognito's
 * claim, when asked for), {@code aud} (a string or an array containing one of the audiences, when asked for),
 * {@code exp} (a number, later than now; unless expired tokens are accepted), {@code nbf} and {@code iat} (when present
 * or required: a number, not later than now plus the clock skew). The first failure is the {@link Reason}.
 *
 * <p>The clock skew (default {@link #DEFAULT_CLOCK_SKEW}) tolerates an issuer whose clock runs ahead. It is not added
 * to {@code exp}: a token is expired when its issuer says so (Cognito refuses an access token the second it expires).
 *
 * <p>Immutable: each method answers a new instance. Start with {@link #issuedBy(String)}: the issuer is never optional.
 */
public record ClaimChecks(String issuer, String tokenUse, Set<String> audiences, boolean acceptExpired,
                          boolean requireIssuedAt, Duration clockSkew, Clock clock) {

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

    public ClaimChecks {
        Objects.requireNonNull(issuer, "issuer");
        audiences = Set.copyOf(audiences);
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(clock, "clock");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock skew must not be negative");
        }
    }

    /** Tokens of {@code issuer}: expiry and {@code iat} required, any audience, any {@code token_use}, the system clock. */
    public static ClaimChecks issuedBy(String issuer) {
        return new ClaimChecks(issuer, null, Set.of(), false, true, DEFAULT_CLOCK_SKEW, Clock.systemUTC());
    }

    /** Cognito's {@code token_use} must be {@code use} ({@code "id"} or {@code "access"}). */
    public ClaimChecks tokenUse(String use) {
        return new ClaimChecks(issuer, Objects.requireNonNull(use), audiences, acceptExpired, requireIssuedAt, clockSkew, clock);
    }

    /** {@code aud} must contain one of {@code accepted}. */
    public ClaimChecks audience(String... accepted) {
        return new ClaimChecks(issuer, tokenUse, Set.of(accepted), acceptExpired, requireIssuedAt, clockSkew, clock);
    }

    /** An expired token passes (OIDC RP-Initiated Logout's {@code id_token_hint} only names who leaves); {@code exp} may be absent. */
    public ClaimChecks acceptingExpired() {
        return new ClaimChecks(issuer, tokenUse, audiences, true, requireIssuedAt, clockSkew, clock);
    }

    /** {@code iat} may be absent (it is still checked when present). */
    public ClaimChecks issuedAtOptional() {
        return new ClaimChecks(issuer, tokenUse, audiences, acceptExpired, false, clockSkew, clock);
    }

    public ClaimChecks clockSkew(Duration skew) {
        return new ClaimChecks(issuer, tokenUse, audiences, acceptExpired, requireIssuedAt, skew, clock);
    }

    public ClaimChecks clock(Clock now) {
        return new ClaimChecks(issuer, tokenUse, audiences, acceptExpired, requireIssuedAt, clockSkew, now);
    }

    /** @throws TokenRejectedException with the first check that fails */
    public void check(ObjectNode claims) {
        if (!issuer.equals(text(claims, "iss"))) {
            throw new TokenRejectedException(Reason.WRONG_ISSUER, "iss is not " + issuer);
        }
        if (tokenUse != null && !tokenUse.equals(text(claims, "token_use"))) {
            throw new TokenRejectedException(Reason.WRONG_TOKEN_USE, "token_use is not " + tokenUse);
        }
        if (!audiences.isEmpty() && !audienceMatches(claims.path("aud"))) {
            throw new TokenRejectedException(Reason.WRONG_AUDIENCE, "aud is none of " + audiences);
        }
        long now = clock.instant().getEpochSecond();
        Long exp = time(claims, "exp", !acceptExpired);
        if (exp != null && !acceptExpired && exp <= now) {
            throw new TokenRejectedException(Reason.EXPIRED, "exp " + exp + " is not after " + now);
        }
        long latest = now + clockSkew.toSeconds();
        Long nbf = time(claims, "nbf", false);
        if (nbf != null && nbf > latest) {
            throw new TokenRejectedException(Reason.NOT_YET_VALID, "nbf " + nbf + " is after " + latest);
        }
        Long iat = time(claims, "iat", requireIssuedAt);
        if (iat != null && iat > latest) {
            throw new TokenRejectedException(Reason.ISSUED_IN_FUTURE, "iat " + iat + " is after " + latest);
        }
    }

    private boolean audienceMatches(JsonNode aud) {
        if (aud.isTextual()) {
            return audiences.contains(aud.asText());
        }
        if (aud.isArray()) {
            for (JsonNode value : aud) {
                if (value.isTextual() && audiences.contains(value.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String text(ObjectNode claims, String name) {
        JsonNode value = claims.path(name);
        return value.isTextual() ? value.asText() : null;
    }

    /** A NumericDate claim (RFC 7519 §2: seconds, possibly with a fraction, truncated here); null when absent and optional. */
    private static Long time(ObjectNode claims, String name, boolean required) {
        JsonNode value = claims.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new TokenRejectedException(Reason.MISSING_CLAIM, name + " is missing");
            }
            return null;
        }
        if (!value.isNumber()) {
            throw new TokenRejectedException(Reason.MISSING_CLAIM, name + " is not a number");
        }
        return (long) Math.floor(value.asDouble());
    }
}
