package dev.cognate.hostedui.service;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiringCacheTest {

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MutableClock clock = new MutableClock();

    @Test
    void returnsAnEntryUntilItsTtlHasPassed() {
        var cache = new ExpiringCache<String, String>(Duration.ofSeconds(30), 10, clock);
        cache.put("a", "client a");

        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.get("a")).contains("client a");

        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("a")).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void keepsAnExpiredEntryForReadersThatMustNotWaitUntilAFreshOneReplacesIt() {
        var cache = new ExpiringCache<String, String>(Duration.ofSeconds(30), 10, clock);
        cache.put("a", "branding v1");

        clock.advance(Duration.ofSeconds(31));
        assertThat(cache.getEvenIfExpired("a")).contains("branding v1");
        assertThat(cache.getEvenIfExpired("b")).isEmpty();

        cache.put("a", "branding v2");
        assertThat(cache.getEvenIfExpired("a")).contains("branding v2");
    }

    @Test
    void makesRoomWhenFullByDroppingExpiredEntriesFirst() {
        var cache = new ExpiringCache<String, String>(Duration.ofSeconds(30), 2, clock);
        cache.put("old", "1");
        clock.advance(Duration.ofSeconds(20));
        cache.put("young", "2");
        clock.advance(Duration.ofSeconds(15));

        cache.put("new", "3");

        assertThat(cache.get("old")).isEmpty();
        assertThat(cache.get("young")).contains("2");
        assertThat(cache.get("new")).contains("3");
    }

    @Test
    void neverGrowsBeyondItsSize() {
        var cache = new ExpiringCache<String, String>(Duration.ofSeconds(30), 3, clock);
        for (int i = 0; i < 100; i++) {
            cache.put("client" + i, "x");
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        assertThat(cache.get("client99")).contains("x");
    }

    @Test
    void cachesNothingWithAZeroTtl() {
        var cache = new ExpiringCache<String, String>(Duration.ZERO, 10, clock);
        cache.put("a", "client a");
        assertThat(cache.get("a")).isEmpty();
    }
}
