package dev.cognate.userpool.repository;

import dev.cognate.testkit.OffsetClock;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SettingsCache.Expiring}: the TTL against a moved clock, 0 = off, invalidation, a read that raced a change, the bound. */
class SettingsCacheExpiringTest {

    private final OffsetClock clock = new OffsetClock();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<String> row = new AtomicReference<>("v1");

    private final Supplier<Uni<Optional<String>>> database = () -> Uni.createFrom().item(() -> {
        reads.incrementAndGet();
        return Optional.ofNullable(row.get());
    });

    private String get(SettingsCache.Expiring<String> cache, String key) {
        return cache.get(key, database).await().indefinitely().orElse(null);
    }

    @Test
    void keepsAValueForTheTtlThenReadsAgain() {
        SettingsCache.Expiring<String> cache = new SettingsCache.Expiring<>(clock, Duration.ofSeconds(5), 100);
        assertThat(get(cache, "pool")).isEqualTo("v1");
        row.set("v2"); // written by another instance: this one does not know
        clock.advance(Duration.ofSeconds(4)); // the clock is the system's plus an offset: leave the test's own time a margin
        assertThat(get(cache, "pool")).as("within the bound").isEqualTo("v1");
        assertThat(reads).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(get(cache, "pool")).as("past the bound: read again").isEqualTo("v2");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aDeletedRowIsRefusedWithinTheBound() {
        SettingsCache.Expiring<String> cache = new SettingsCache.Expiring<>(clock, Duration.ofSeconds(2), 100);
        assertThat(get(cache, "client")).isEqualTo("v1");
        row.set(null);
        clock.advance(Duration.ofSeconds(2));
        assertThat(get(cache, "client")).isNull();
        assertThat(get(cache, "client")).as("absence is not kept: read every time").isNull();
        assertThat(reads).hasValue(3);
    }

    @Test
    void zeroKeepsNothing() {
        SettingsCache.Expiring<String> cache = new SettingsCache.Expiring<>(clock, Duration.ZERO, 100);
        get(cache, "pool");
        get(cache, "pool");
        assertThat(reads).hasValue(2);
        assertThat(cache.size()).isZero();
        assertThatThrownBy(() -> new SettingsCache.Expiring<String>(clock, Duration.ofSeconds(-1), 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInvalidationIsSeenAtOnce() {
        SettingsCache.Expiring<String> cache = new SettingsCache.Expiring<>(clock, Duration.ofSeconds(5), 100);
        get(cache, "pool");
        row.set("v2");
        cache.invalidate("pool");
        assertThat(get(cache, "pool")).isEqualTo("v2");
        row.set("v3");
        cache.invalidateAll();
        assertThat(get(cache, "pool")).isEqualTo("v3");
    }

    @Test
    void aValueReadWhileAChangeCommittedIsServedButNotKept() {
        SettingsCache.Expiring<String> cache = new SettingsCache.Expiring<>(clock, Duration.ofSeconds(5), 100);
        AtomicReference<UniEmitter<? super Optional<String>>> pending = new AtomicReference<>();
        // the read began before the change committed and answers the old row after this instance's invalidation
        Uni<Optional<String>> slowRead = cache.get("pool", () -> Uni.createFrom().<Optional<String>>emitter(emitter -> pending.set(emitter)));
        AtomicReference<Optional<String>> served = new AtomicReference<>();
        slowRead.subscribe().with(served::set);
        cache.invalidate("pool");
        pending.get().complete(Optional.of("old"));
        assertThat(served.get()).contains("old");
        assertThat(cache.size()).isZero();
        assertThat(get(cache, "pool")).isEqualTo("v1");
        assertThat(cache.size()).isOne();
    }

    @Test
    void staysWithinItsBound() {
        SettingsCache.Expiring<String> cache = new SettingsCache.Expiring<>(clock, Duration.ofSeconds(5), 3);
        for (int i = 0; i < 10; i++) {
            get(cache, "pool-" + i);
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
    }
}
