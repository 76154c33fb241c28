package dev.cognate.tokens;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a verifier gets an issuer's public keys: a fixed local set ({@link #of(PublicKeys)}), a service's own key
 * store, or a remote JWKS ({@link CachingJwksSource}). Asynchronous, so a fetch never blocks an event loop.
 * A stage that fails with anything but a {@link TokenRejectedException} is reported as {@code KEYS_UNAVAILABLE}.
 */
public interface JwksSource {

    /** The keys as currently known (usually cached). */
    CompletionStage<PublicKeys> keys();

    /**
     * The keys once more, after a token named {@code kid} that {@link #keys()} did not have: keys rotate, so a source
     * that caches fetches again here — within its own bound, since the kids of forged tokens are free to invent.
     * A fixed set answers itself.
     */
    default CompletionStage<PublicKeys> keysAfterUnknownKid(String kid) {
        return keys();
    }

    /** A fixed key set. */
    static JwksSource of(PublicKeys keys) {
        CompletableFuture<PublicKeys> answer = CompletableFuture.completedFuture(keys);
        return () -> answer;
    }
}
