package dev.cognate.userpool.repository;

import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.repository.AppClientRepository.ClientWithSecrets;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The pools' and app clients' settings (a client with its sealed secrets) as sign-in, refresh and the token endpoint
 * read them on every request: kept for at most {@code cognate.cache.settings-ttl} (5 s by default, 0 = not kept), so a
 * request reads no {@code user_pools}, {@code app_clients} or {@code app_client_secrets} row when one was read a moment
 * ago. Every write path of those rows calls {@link #poolChanged} or {@link #clientChanged} once its transaction committed,
 * and waits for it: this instance then reads the new rows on the next request, and every other instance as soon as it
 * heard the announcement {@link ChangeBroadcast} published before the writer answers (a deleted client, a removed
 * secret, a changed setting). An instance that does not hear the announcements (Redis unreachable) keeps nothing. A
 * value loaded while a change was heard is served to its request but not kept, so a read that raced the commit cannot
 * keep the old row. Only existing rows are kept (an unknown id is read again every time). Writers and admin reads
 * (Describe*, Update* under {@code FOR UPDATE}) never go through it. The TTL bounds what the announcements do not cover:
 * a change made by hand in the database, a writer that could not publish while the reader was subscribed.
 *
 * <p>At most {@link #MAX_ENTRIES} pools and as many clients (ids come with requests; as libs/tokens' {@code BoundedCache},
 * a new key beyond the bound first drops every entry, which costs one read each). The kept
 * {@code UserPool}/{@code AppClient} records are shared between requests: their settings must not be modified (no
 * reader does; writers build new records).
 */
@ApplicationScoped
public class SettingsCache {

    static final int MAX_ENTRIES = 10_000;
    /** How {@link ChangeBroadcast} names a pool ({@code pool:<id>}) and a client ({@code client:<id>}). */
    static final String POOL = "pool:";
    private static final String CLIENT = "client:";

    private final Pool db;
    private final UserPoolRepository pools;
    private final AppClientRepository clients;
    private final Expiring<UserPool> keptPools;
    private final Expiring<ClientWithSecrets> keptClients;
    private final ChangeBroadcast broadcast;

    public SettingsCache(Pool db, UserPoolRepository pools, AppClientRepository clients, Clock clock, CognateConfig config,
                         ChangeBroadcast broadcast) {
        this.db = db;
        this.pools = pools;
        this.clients = clients;
        this.broadcast = broadcast;
        Duration ttl = config.cache().settingsTtl();
        this.keptPools = new Expiring<>(clock, ttl, MAX_ENTRIES);
        this.keptClients = new Expiring<>(clock, ttl, MAX_ENTRIES);
        broadcast.listen(new ChangeBroadcast.Listener() {
            @Override
            public void changed(String name) {
                if (name.startsWith(POOL)) {
                    dropPool(name.substring(POOL.length()));
                } else if (name.startsWith(CLIENT)) {
                    keptClients.invalidate(name.substring(CLIENT.length()));
                }
            }

            @Override
            public void lost() {
                keptPools.invalidateAll();
                keptClients.invalidateAll();
            }
        });
    }

    /** The pool, read at most the TTL ago. */
    public Uni<Optional<UserPool>> pool(String poolId) {
        if (!broadcast.subscribed()) {
            return pools.find(db, poolId);
        }
        return keptPools.get(poolId, () -> pools.find(db, poolId));
    }

    /** The pool, or a failure with {@link UserPool#notFound}. */
    public Uni<UserPool> requirePool(String poolId) {
        return pool(poolId).map(found -> found.orElseThrow(() -> UserPool.notFound(poolId)));
    }

    /** The client by id with its sealed secrets (one statement when not kept), read at most the TTL ago. */
    public Uni<Optional<ClientWithSecrets>> client(String clientId) {
        if (!broadcast.subscribed()) {
            return clients.findWithSecrets(db, clientId);
        }
        return keptClients.get(clientId, () -> clients.findWithSecrets(db, clientId));
    }

    /**
     * After a committed change (or deletion) of the pool's row: read again on the next request, here and (once the
     * returned Uni completed: the announcement was published) on every other instance. Its clients go too — deleting a
     * pool deletes them — and since a pool's clients are not indexed here, every kept client is dropped (pool changes
     * are rare admin actions; each client costs one read to come back).
     */
    public Uni<Void> poolChanged(String poolId) {
        dropPool(poolId);
        return broadcast.changed(null, POOL + poolId);
    }

    /** After a committed change of the client's row or its secrets, or its deletion: as {@link #poolChanged}, for the client. */
    public Uni<Void> clientChanged(String clientId) {
        keptClients.invalidate(clientId);
        return broadcast.changed(null, CLIENT + clientId);
    }

    private void dropPool(String poolId) {
        keptPools.invalidate(poolId);
        keptClients.invalidateAll();
    }

    /**
     * Values by key, each kept for {@code ttl} from when it was read; {@code ttl} zero keeps nothing. Public for its unit
     * test with a moved clock.
     */
    public static final class Expiring<V> {

        private record Kept<V>(V value, Instant readAt) {
        }

        private final Map<String, Kept<V>> kept = new ConcurrentHashMap<>();
        private final int maxEntries;
        /** Counts invalidations: a value read while one happened may be the old row, and is not kept. */
        private final AtomicLong invalidations = new AtomicLong();
        private final Clock clock;
        private final Duration ttl;

        public Expiring(Clock clock, Duration ttl, int maxEntries) {
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("cognate.cache.settings-ttl must not be negative: " + ttl);
            }
            this.clock = clock;
            this.ttl = ttl;
            this.maxEntries = maxEntries;
        }

        /** The kept value if read less than the TTL ago, else {@code read}'s (kept when present). */
        public Uni<Optional<V>> get(String key, Supplier<Uni<Optional<V>>> read) {
            if (ttl.isZero()) {
                return read.get();
            }
            Instant now = clock.instant();
            Kept<V> found = kept.get(key);
            if (found != null && found.readAt().plus(ttl).isAfter(now)) {
                return Uni.createFrom().item(Optional.of(found.value()));
            }
            long generation = invalidations.get();
            return read.get().invoke(value -> {
                if (value.isEmpty()) {
                    kept.remove(key);
                    return;
                }
                if (kept.size() >= maxEntries && !kept.containsKey(key)) {
                    kept.clear();
                }
                kept.put(key, new Kept<>(value.get(), now));
                // an invalidation since the read began: the row may be older than the committed change; dropping it after
                // the put (not only checking before) closes the window of an invalidation between the check and the put
                if (invalidations.get() != generation) {
                    kept.remove(key);
                }
            });
        }

        public void invalidate(String key) {
            invalidations.incrementAndGet();
            kept.remove(key);
        }

        public void invalidateAll() {
            invalidations.incrementAndGet();
            kept.clear();
        }

        public int size() {
            return kept.size();
        }
    }
}
