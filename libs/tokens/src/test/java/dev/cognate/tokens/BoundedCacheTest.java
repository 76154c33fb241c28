package dev.cognate.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void neverHoldsMoreThanItsBoundWhateverTheKeys() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(100);

        IntStream.range(0, 10_000).forEach(i -> cache.put("us-east-1_invented" + i, i));

        assertThat(cache.size()).isBetween(1, 100);
        assertThat(cache.get("us-east-1_invented9999")).as("the last one written is kept").contains(9999);
    }

    @Test
    void keepsEveryEntryUpToTheBoundAndReplacesAKnownKeyWithoutDroppingAnything() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(3);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);

        cache.put("b", 20);

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get("a")).contains(1);
        assertThat(cache.get("b")).contains(20);
    }

    @Test
    void dropsEverythingWhenANewKeyWouldGoBeyondTheBound() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);

        cache.put("c", 3);

        assertThat(cache.get("a")).isEmpty();
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("c")).contains(3);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void computesAnAbsentValueOnceAndHonoursTheBound() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(10);
        AtomicInteger loads = new AtomicInteger();

        for (int round = 0; round < 3; round++) {
            IntStream.range(0, 10).forEach(i -> cache.computeIfAbsent(i, key -> "v" + key + "-" + loads.incrementAndGet()));
        }
        assertThat(loads).as("ten keys within the bound: each loaded once").hasValue(10);

        IntStream.range(10, 1_000).forEach(i -> cache.computeIfAbsent(i, key -> "v" + key));
        assertThat(cache.size()).isBetween(1, 10);
    }

    @Test
    void refusesABoundBelowOne() {
        assertThatThrownBy(() -> new BoundedCache<>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
