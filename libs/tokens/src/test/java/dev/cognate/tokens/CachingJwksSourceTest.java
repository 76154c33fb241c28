package dev.cognate.tokens;

import dev.cognate.tokens.TokenRejectedException.Reason;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingJwksSourceTest {

    private static PublicKeys keysWith(String... kids) {
        var rsa = Forge.rsa(2048).getPublic();
        return PublicKeys.ofJwks(java.util.Arrays.stream(kids).map(kid -> PublicJwk.of(kid, SigningAlgorithm.RS256, rsa)).toList());
    }

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger loads = new AtomicInteger();

    private CachingJwksSource source(List<CompletionStage<PublicKeys>> answers) {
        return new CachingJwksSource(() -> answers.get(Math.min(loads.getAndIncrement(), answers.size() - 1)),
                Duration.ofMinutes(5), Duration.ofSeconds(10), clock);
    }

    private static PublicKeys now(CompletionStage<PublicKeys> stage) {
        return stage.toCompletableFuture().join();
    }

    @Test
    void loadsOnceAndServesTheCacheUntilItExpires() {
        PublicKeys first = keysWith("a");
        PublicKeys second = keysWith("b");
        CachingJwksSource source = source(List.of(CompletableFuture.completedFuture(first), CompletableFuture.completedFuture(second)));

        assertThat(now(source.keys())).isSameAs(first);
        clock.advance(Duration.ofMinutes(4));
        assertThat(now(source.keys())).isSameAs(first);
        assertThat(loads).hasValue(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(now(source.keys())).isSameAs(second);
        assertThat(loads).hasValue(2);
    }

    @Test
    void refetchesForAnUnknownKidAtMostOncePerInterval() {
        PublicKeys rotated = keysWith("a", "b");
        CachingJwksSource source = source(List.of(CompletableFuture.completedFuture(keysWith("a")),
                CompletableFuture.completedFuture(rotated)));
        now(source.keys());
        clock.advance(Duration.ofSeconds(11));

        assertThat(now(source.keysAfterUnknownKid("b"))).isSameAs(rotated);
        assertThat(loads).hasValue(2);
        // a kid it now has: no load; forged kids within the interval: no load either
        assertThat(now(source.keysAfterUnknownKid("b"))).isSameAs(rotated);
        for (int i = 0; i < 100; i++) {
            assertThat(now(source.keysAfterUnknownKid("forged-" + i))).isSameAs(rotated);
        }
        assertThat(loads).hasValue(2);
        clock.advance(Duration.ofSeconds(10));
        now(source.keysAfterUnknownKid("forged"));
        assertThat(loads).hasValue(3);
    }

    @Test
    void concurrentCallersShareOneLoad() {
        CompletableFuture<PublicKeys> pending = new CompletableFuture<>();
        CachingJwksSource source = source(List.of(pending));
        CompletionStage<PublicKeys> one = source.keys();
        CompletionStage<PublicKeys> two = source.keysAfterUnknownKid("x");
        PublicKeys loaded = keysWith("x");
        pending.complete(loaded);
        assertThat(now(one)).isSameAs(loaded);
        assertThat(now(two)).isSameAs(loaded);
        assertThat(loads).hasValue(1);
    }

    @Test
    void aFailedLoadKeepsThePreviousKeysOrFailsWithoutRetryingAtOnce() {
        PublicKeys first = keysWith("a");
        CachingJwksSource source = source(List.of(CompletableFuture.completedFuture(first),
                CompletableFuture.failedFuture(new IOException("unreachable"))));
        now(source.keys());
        clock.advance(Duration.ofMinutes(6));
        assertThat(now(source.keys())).isSameAs(first);
        assertThat(loads).hasValue(2);

        AtomicInteger failedLoads = new AtomicInteger();
        CachingJwksSource down = new CachingJwksSource(() -> {
            failedLoads.incrementAndGet();
            return CompletableFuture.failedFuture(new IOException("unreachable"));
        }, Duration.ofMinutes(5), Duration.ofSeconds(10), clock);
        assertThatThrownBy(() -> now(down.keys())).isInstanceOf(CompletionException.class).hasRootCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> now(down.keys())).isInstanceOf(CompletionException.class)
                .satisfies(e -> assertThat(((TokenRejectedException) e.getCause()).reason()).isEqualTo(Reason.KEYS_UNAVAILABLE));
        assertThat(failedLoads).hasValue(1);
    }
}
