package dev.cognate.tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.cognate.tokens.TokenRejectedException.Reason;

import java.text.ParseException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Verifies compact JWS tokens for one use, with an explicit allow-list of algorithms:
 * <ol>
 * <li>{@link #parse}: at most {@link #MAX_TOKEN_LENGTH} characters, three base64url parts, a JSON header whose
 *     {@code alg} is on the list (so {@code none}, {@code HS*} and anything unlisted stop here), a {@code kid}, no
 *     {@code crit}/{@code b64}, a JSON object payload without duplicate members;</li>
 * <li>{@link #verify}: the key is the one with that {@code kid} in the issuer's key set — never one the token carries
 *     ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c} headers are ignored) — of the algorithm's type (and
 *     {@code alg}, when the JWK names one); the signature verifies (Nimbus); then the {@link ClaimChecks}.</li>
 * </ol>
 * Every failure is a {@link TokenRejectedException} with its reason. Immutable and thread-safe.
 */
public final class JwtVerifier {

    /** Longer than any token Cognate or a mainstream IdP issues; bounds the work a garbage token can cause. */
    public static final int MAX_TOKEN_LENGTH = 16_384;

    private static final Set<String> UNSUPPORTED_HEADERS = Set.of("crit", "b64");

    private final Set<SigningAlgorithm> allowed;

    private JwtVerifier(Set<SigningAlgorithm> allowed) {
        this.allowed = allowed;
    }

    /** A verifier that accepts exactly these algorithms. */
    public static JwtVerifier allowing(SigningAlgorithm first, SigningAlgorithm... more) {
        return new JwtVerifier(Set.copyOf(EnumSet.of(first, more)));
    }

    public Set<SigningAlgorithm> allowedAlgorithms() {
        return allowed;
    }

    /** @throws TokenRejectedException MALFORMED, ALGORITHM_NOT_ALLOWED or UNSUPPORTED_HEADER */
    public UnverifiedJwt parse(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw malformed("empty or longer than " + MAX_TOKEN_LENGTH);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw malformed("not three parts");
        }
        // the header is read here first, strictly, so that "none" and HS256 are refused by the allow-list by name
        ObjectNode header = Json.object(decode(parts[0])).orElseThrow(() -> malformed("the header is not a JSON object"));
        String alg = header.path("alg").isTextual() ? header.path("alg").asText() : null;
        SigningAlgorithm algorithm = SigningAlgorithm.named(alg).filter(allowed::contains)
                .orElseThrow(() -> new TokenRejectedException(Reason.ALGORITHM_NOT_ALLOWED, "alg " + alg + " is not in " + allowed));
        for (String name : UNSUPPORTED_HEADERS) {
            if (header.has(name)) {
                throw new TokenRejectedException(Reason.UNSUPPORTED_HEADER, "header " + name);
            }
        }
        String kid = header.path("kid").isTextual() ? header.path("kid").asText() : "";
        if (kid.isEmpty()) {
            throw new TokenRejectedException(Reason.UNSUPPORTED_HEADER, "no kid");
        }
        ObjectNode claims = Json.object(decode(parts[1])).orElseThrow(() -> malformed("the payload is not a JSON object"));
        if (parts[2].isEmpty()) {
            throw malformed("no signature");
        }
        decode(parts[2]);
        try {
            return new UnverifiedJwt(JWSObject.parse(token), algorithm, kid, claims);
        } catch (ParseException e) {
            throw malformed(e.getMessage());
        }
    }

    /** {@link #parse} then {@link #verify(UnverifiedJwt, JwksSource, ClaimChecks)}; a parse failure is a failed stage. */
    public CompletionStage<VerifiedJwt> verify(String token, JwksSource keys, ClaimChecks checks) {
        UnverifiedJwt jwt;
        try {
            jwt = parse(token);
        } catch (TokenRejectedException rejected) {
            return CompletableFuture.failedFuture(rejected);
        }
        return verify(jwt, keys, checks);
    }

    /**
     * Signature by the key {@code kid} names in {@code keys} (asking the source once more when the kid is unknown), then
     * the claims. The stage fails with a {@link TokenRejectedException}; a key source's own failure becomes
     * {@code KEYS_UNAVAILABLE}.
     */
    public CompletionStage<VerifiedJwt> verify(UnverifiedJwt jwt, JwksSource keys, ClaimChecks checks) {
        return safely(keys::keys)
                .thenCompose(known -> known.contains(jwt.kid()) ? CompletableFuture.completedFuture(known)
                        : safely(() -> keys.keysAfterUnknownKid(jwt.kid())))
                .thenApply(current -> verify(jwt, current, checks))
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(rejection(failure)));
    }

    /** The synchronous form, with the keys at hand. @throws TokenRejectedException */
    public VerifiedJwt verify(UnverifiedJwt jwt, PublicKeys keys, ClaimChecks checks) {
        PublicKeys.Entry entry = keys.entry(jwt.kid())
                .orElseThrow(() -> new TokenRejectedException(Reason.UNKNOWN_KID, "no key " + jwt.kid()));
        if (!fits(entry.jwk(), jwt.algorithm())) {
            throw new TokenRejectedException(Reason.KEY_MISMATCH, "key " + jwt.kid() + " is not a " + jwt.algorithm() + " key");
        }
        boolean valid;
        try {
            valid = jwt.jws().verify(entry.verifier());
        } catch (JOSEException | IllegalStateException e) {
            valid = false;
        }
        if (!valid) {
            throw new TokenRejectedException(Reason.BAD_SIGNATURE, "the signature does not verify with key " + jwt.kid());
        }
        checks.check(jwt.claims());
        return new VerifiedJwt(jwt.algorithm(), jwt.kid(), jwt.claims());
    }

    private static boolean fits(JWK jwk, SigningAlgorithm algorithm) {
        if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(algorithm.name())) {
            return false;
        }
        return switch (algorithm.family()) {
            case RSA -> jwk instanceof RSAKey;
            case EC -> jwk instanceof ECKey ec && Curve.forJWSAlgorithm(algorithm.jws()).contains(ec.getCurve());
        };
    }

    static CompletionStage<PublicKeys> safely(Supplier<CompletionStage<PublicKeys>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    static TokenRejectedException rejection(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TokenRejectedException rejected) {
            return rejected;
        }
        return new TokenRejectedException(Reason.KEYS_UNAVAILABLE, String.valueOf(cause), cause);
    }

    private static byte[] decode(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw malformed("not base64url");
        }
    }

    private static TokenRejectedException malformed(String detail) {
        return new TokenRejectedException(Reason.MALFORMED, detail);
    }
}
