package dev.cognate.tokens;

import dev.cognate.tokens.TokenRejectedException.Reason;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A JWKS loaded by a caller-supplied loader (an HTTP fetch of a {@code jwks_uri}, a read of a service's own keys) and
 * cached for a time to live. Whatever the tokens it is asked about, it loads at most once per
 * {@code minimumInterval}: an expired cache or an unknown {@code kid} within that interval answers the keys it has
 * (and a source that never loaded successfully fails at once), so forged kids cannot turn every request into a fetch.
 * Concurrent callers share one load. When a load fails, the previous keys (if any) keep serving.
 */
public final class CachingJwksSource implements JwksSource {

    private final Supplier<? extends CompletionStage<PublicKeys>> loader;
    private final Duration timeToLive;
    private final Duration minimumInterval;
    private final Clock clock;

    private PublicKeys cached;
    private Instant loadedAt;
    private Instant lastAttempt;
    private CompletableFuture<PublicKeys> inFlight;

    /**
     * @param timeToLive      how long loaded keys are used before {@link #keys()} loads again
     * @param minimumInterval the least time between two loads, whatever the reason
     */
    public CachingJwksSource(Supplier<? extends CompletionStage<PublicKeys>> loader, Duration timeToLive, Duration minimumInterval,
                             Clock clock) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
        this.minimumInterval = Objects.requireNonNull(minimumInterval, "minimumInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized CompletionStage<PublicKeys> keys() {
        if (cached != null && loadedAt.plus(timeToLive).isAfter(clock.instant())) {
            return CompletableFuture.completedFuture(cached);
        }
        return loadIfAllowed();
    }

    @Override
    public synchronized CompletionStage<PublicKeys> keysAfterUnknownKid(String kid) {
        if (cached != null && cached.contains(kid)) {
            return CompletableFuture.completedFuture(cached);
        }
        return loadIfAllowed();
    }

    private CompletionStage<PublicKeys> loadIfAllowed() {
        if (inFlight != null) {
            return inFlight;
        }
        Instant now = clock.instant();
        if (lastAttempt != null && lastAttempt.plus(minimumInterval).isAfter(now)) {
            return cached != null ? CompletableFuture.completedFuture(cached)
                    : CompletableFuture.failedFuture(new TokenRejectedException(Reason.KEYS_UNAVAILABLE,
                    "the last load failed less than " + minimumInterval + " ago"));
        }
        lastAttempt = now;
        CompletableFuture<PublicKeys> load = new CompletableFuture<>();
        inFlight = load;
        CompletionStage<PublicKeys> started;
        try {
            started = loader.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((keys, failure) -> settle(load, keys, failure));
        return load;
    }

    private void settle(CompletableFuture<PublicKeys> load, PublicKeys keys, Throwable failure) {
        PublicKeys answer;
        synchronized (this) {
            inFlight = null;
            if (failure == null && keys != null) {
                cached = keys;
                loadedAt = clock.instant();
            }
            answer = cached;
        }
        if (failure == null && keys != null) {
            load.complete(keys);
        } else if (answer != null) {
            load.complete(answer);
        } else {
            load.completeExceptionally(failure != null ? failure
                    : new TokenRejectedException(Reason.KEYS_UNAVAILABLE, "the loader answered no keys"));
        }
    }
}
