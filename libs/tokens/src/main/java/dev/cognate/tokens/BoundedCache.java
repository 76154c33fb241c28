package dev.cognate.tokens;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A concurrent map for caches keyed by something that arrives with requests (a pool id, an issuer, a kid): at most
 * {@code maxEntries} entries, so that invented or long-deleted keys cannot grow the process. A new key that would go
 * beyond the bound first drops every entry: a dropped entry costs one reload, and with the bound far above the number
 * of live keys that happens only under a flood of invented ones — which then never evicts selectively, so it cannot
 * be steered into keeping a chosen set of entries. Freshness (a TTL) stays the caller's, stored in the value.
 */
public final class BoundedCache<K, V> {

    private final Map<K, V> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    public BoundedCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    public Optional<V> get(K key) {
        return Optional.ofNullable(entries.get(key));
    }

    public void put(K key, V value) {
        makeRoomFor(key);
        entries.put(key, value);
    }

    public V computeIfAbsent(K key, Function<? super K, ? extends V> load) {
        V present = entries.get(key);
        if (present != null) {
            return present;
        }
        makeRoomFor(key);
        return entries.computeIfAbsent(key, load);
    }

    public void remove(K key) {
        entries.remove(key);
    }

    /** Drops every entry. */
    public void clear() {
        entries.clear();
    }

    public int size() {
        return entries.size();
    }

    public int maxEntries() {
        return maxEntries;
    }

    private void makeRoomFor(K key) {
        if (entries.size() >= maxEntries && !entries.containsKey(key)) {
            entries.clear();
        }
    }
}
