package dev.cognate.userpool.federation.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A small cache with a bound on entries (least recently used go first) and an age limit: the providers' discovery
 * documents and key sources. A pool can have many providers and there are many pools, so nothing here grows without end.
 */
final class BoundedCache<K, V> {

    private record Entry<V>(V value, Instant storedAt) {
    }

    private final Map<K, Entry<V>> entries;
    private final Duration maxAge;
    private final Clock clock;

    BoundedCache(int maxEntries, Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized Optional<V> get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.storedAt().plus(maxAge).isBefore(clock.instant())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    synchronized void put(K key, V value) {
        entries.put(key, new Entry<>(value, clock.instant()));
    }

    /** The cached value, or a new one made by {@code make} and kept. */
    synchronized V computeIfAbsent(K key, Function<K, V> make) {
        Optional<V> cached = get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        V value = make.apply(key);
        put(key, value);
        return value;
    }

    synchronized int size() {
        return entries.size();
    }
}
