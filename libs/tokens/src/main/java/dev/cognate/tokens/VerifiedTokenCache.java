package dev.cognate.tokens;

import dev.cognate.tokens.TokenRejectedException.Reason;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A {@link JwtVerifier} that remembers the tokens whose signature it verified, so that a token presented again (an
 * access token sent with every GetUser) skips parsing and the signature: the signature of a given token string never
 * changes. What it remembers is tied to the key set that verified it: an entry is used only while the issuer's
 * {@link JwksSource} answers that very {@link PublicKeys} instance, so a key removed from the set (or any reload of the
 * set) sends the token through the full verification again, where an unknown {@code kid} is refused. The
 * {@link ClaimChecks} (issuer, {@code token_use}, audience, {@code exp}, {@code nbf}, {@code iat}) run on every call,
 * hit or not.
 *
 * <p>Entries are keyed by the SHA-256 of the token (32 bytes instead of the token's ~1 KB; a different token, a forged
 * signature included, is a different key and is verified in full). An entry holds the verified claims (~1–2 KB for a
 * Cognito access token); at most {@code maxEntries} are kept ({@link BoundedCache}: beyond it the cache starts over).
 * Thread-safe.
 */
public final class VerifiedTokenCache {

    /** Where the keys of an issuer come from and what its tokens' claims must say; chosen by the {@code iss} claim. */
    public record Verification(JwksSource keys, ClaimChecks checks) {
    }

    private record Entry(PublicKeys keys, VerifiedJwt verified) {
    }

    private final JwtVerifier verifier;
    private final BoundedCache<ByteBuffer, Entry> entries;

    public VerifiedTokenCache(JwtVerifier verifier, int maxEntries) {
        this.verifier = verifier;
        this.entries = new BoundedCache<>(maxEntries);
    }

    /**
     * The token verified: from the cache when this exact token was verified with the key set {@code forIssuer} still
     * answers, else parsed and verified in full (and remembered). {@code forIssuer} gets the {@code iss} claim (as sent
     * on a miss: it only chooses whose keys must have signed; the checks then require exactly that issuer) and answers
     * null for an issuer that is not accepted ({@code WRONG_ISSUER}). The stage fails with a
     * {@link TokenRejectedException}, as {@link JwtVerifier#verify(UnverifiedJwt, JwksSource, ClaimChecks)}.
     */
    public CompletionStage<VerifiedJwt> verify(String token, Function<String, Verification> forIssuer) {
        if (token == null || token.isEmpty() || token.length() > JwtVerifier.MAX_TOKEN_LENGTH) {
            return CompletableFuture.failedFuture(new TokenRejectedException(Reason.MALFORMED, "empty or too long"));
        }
        ByteBuffer key = digest(token);
        Entry hit = entries.get(key).orElse(null);
        if (hit == null) {
            return verifyInFull(token, key, forIssuer);
        }
        Verification verification = forIssuer.apply(hit.verified().string("iss"));
        if (verification == null) {
            return CompletableFuture.failedFuture(wrongIssuer());
        }
        return JwtVerifier.safely(verification.keys()::keys)
                .thenCompose(current -> {
                    if (current != hit.keys()) {
                        return verifyInFull(token, key, forIssuer);
                    }
                    try {
                        verification.checks().check(hit.verified().claims());
                    } catch (TokenRejectedException rejected) {
                        if (rejected.reason() == Reason.EXPIRED) {
                            entries.remove(key);
                        }
                        throw rejected;
                    }
                    return CompletableFuture.completedFuture(hit.verified());
                })
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(JwtVerifier.rejection(failure)));
    }

    /** How many verified tokens are remembered now. */
    public int size() {
        return entries.size();
    }

    private CompletionStage<VerifiedJwt> verifyInFull(String token, ByteBuffer key, Function<String, Verification> forIssuer) {
        UnverifiedJwt jwt;
        try {
            jwt = verifier.parse(token);
        } catch (TokenRejectedException rejected) {
            entries.remove(key);
            return CompletableFuture.failedFuture(rejected);
        }
        Verification verification = forIssuer.apply(jwt.untrustedIssuer());
        if (verification == null) {
            return CompletableFuture.failedFuture(wrongIssuer());
        }
        JwksSource keys = verification.keys();
        return JwtVerifier.safely(keys::keys)
                .thenCompose(known -> known.contains(jwt.kid()) ? CompletableFuture.completedFuture(known)
                        : JwtVerifier.safely(() -> keys.keysAfterUnknownKid(jwt.kid())))
                .thenApply(current -> {
                    try {
                        VerifiedJwt verified = verifier.verify(jwt, current, verification.checks());
                        entries.put(key, new Entry(current, verified));
                        return verified;
                    } catch (TokenRejectedException rejected) {
                        entries.remove(key);
                        throw rejected;
                    }
                })
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(JwtVerifier.rejection(failure)));
    }

    private static TokenRejectedException wrongIssuer() {
        return new TokenRejectedException(Reason.WRONG_ISSUER, "not an accepted issuer");
    }

    private static ByteBuffer digest(String token) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
