package dev.cognate.userpool.repository;

import dev.cognate.tokens.BoundedCache;
import dev.cognate.userpool.config.AccessTokenCheckConfig;
import dev.cognate.userpool.repository.UserRepository.Standing;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What {@link UserRepository#findBySubUnlessRevoked} answers for an access token — its user's row and whether the token
 * was revoked — kept per instance for at most {@code cognate.access-token-check.user-cache-ttl} (5 s; 0 = off), so that
 * GetUser and {@code /oauth2/userInfo} do not query PostgreSQL for every request.
 *
 * <p><b>The bound.</b> Every write of a user row, of a token family's revocation or of a global sign-out goes through
 * a repository method that calls {@link #changed} (or {@link #poolChanged}) with the connection it wrote on.
 * <ul>
 *   <li>On this instance the user's entries are dropped at once, and again when that transaction ends (a read that raced
 *   the write and finished before the commit is dropped then; one that finishes after it is not kept: {@link #invalidations}).</li>
 *   <li>On every other instance through {@link ChangeBroadcast} (Redis pub/sub): the write is announced before its
 *   commit, and until its end is announced no instance answers or keeps the user from memory; so a request that reaches
 *   another instance after the change's answer reads the database (unless that instance has not yet handled a message
 *   delivered to it before the commit). Not subscribed (Redis unreachable): nothing is used or kept.</li>
 *   <li>A pool-wide change (a schema change removing an attribute from every user, a deleted pool) drops everything,
 *   here at once and elsewhere when {@link SettingsCache} announces the pool's change, which its writer awaits after
 *   the commit.</li>
 *   <li>What the broadcast does not cover is seen at most the TTL (plus one query) late: a change made by hand in the
 *   database, a writer that could not publish while the reader was subscribed.</li>
 * </ul>
 *
 * <p>Only answers with a user are kept (a token without one is rare, and a new row for its sub must be seen at once).
 * At most {@link #MAX_USERS} users and {@link #MAX_TOKENS_PER_USER} tokens per user; beyond either the cache (or the
 * user's entries) starts over.
 */
@ApplicationScoped
public class AccessTokenStandings {

    static final int MAX_USERS = 10_000;
    static final int MAX_TOKENS_PER_USER = 32;
    /** How {@link ChangeBroadcast} names a user: {@code user:<pool>:<sub>}. */
    private static final String NAME_PREFIX = "user:";

    private record UserKey(String poolId, UUID sub) {
    }

    /** An access token is known by its family ({@code origin_jti}) and the second it was issued in: what the test reads. */
    private record TokenKey(UUID familyId, long issuedAtSecond) {
    }

    private record Cached(Standing standing, Instant readAt) {
    }

    private final BoundedCache<UserKey, Map<TokenKey, Cached>> users = new BoundedCache<>(MAX_USERS);
    /** Counts invalidations: an answer read while one happened may be stale, and is used but not kept. */
    private final AtomicLong invalidations = new AtomicLong();
    private final Duration ttl;
    private final ChangeBroadcast broadcast;
    private final Clock clock;

    public AccessTokenStandings(AccessTokenCheckConfig config, ChangeBroadcast broadcast, Clock clock) {
        this.ttl = config.userCacheTtl();
        this.broadcast = broadcast;
        this.clock = clock;
        broadcast.listen(new ChangeBroadcast.Listener() {
            @Override
            public void changed(String name) {
                UserKey key = userKeyOf(name);
                if (key != null) {
                    invalidations.incrementAndGet();
                    users.remove(key);
                } else if (name.startsWith(SettingsCache.POOL)) {
                    // a pool changed on some instance (SettingsCache announces it after the commit): its schema or its
                    // deletion may have changed every user, and users are not indexed by pool here
                    invalidations.incrementAndGet();
                    users.clear();
                }
            }

            @Override
            public void lost() {
                invalidations.incrementAndGet();
                users.clear();
            }
        });
    }

    /**
     * The token's standing: from memory when read less than the TTL ago and not invalidated since (here or, through
     * {@link ChangeBroadcast}, on another instance); else by {@code read}.
     */
    public Uni<Standing> standing(String poolId, UUID sub, UUID familyId, Instant issuedAt, Supplier<Uni<Standing>> read) {
        String name = nameOf(poolId, sub);
        if (ttl.isZero() || ttl.isNegative() || !broadcast.usable(name)) {
            return read.get();
        }
        UserKey userKey = new UserKey(poolId, sub);
        TokenKey tokenKey = new TokenKey(familyId, issuedAt.getEpochSecond());
        Instant now = clock.instant();
        Map<TokenKey, Cached> tokens = users.get(userKey).orElse(null);
        Cached cached = tokens == null ? null : tokens.get(tokenKey);
        if (cached != null && cached.readAt().plus(ttl).isAfter(now)) {
            return Uni.createFrom().item(cached.standing());
        }
        long generation = invalidations.get();
        return read.get().invoke(standing -> {
            if (broadcast.usable(name)) {
                keep(userKey, tokenKey, generation, new Cached(standing, now));
            }
        });
    }

    private void keep(UserKey userKey, TokenKey tokenKey, long generation, Cached read) {
        if (read.standing().user().isEmpty() || invalidations.get() != generation) {
            return;
        }
        Map<TokenKey, Cached> entries = users.computeIfAbsent(userKey, key -> new ConcurrentHashMap<>());
        if (entries.size() >= MAX_TOKENS_PER_USER && !entries.containsKey(tokenKey)) {
            entries.clear();
        }
        entries.put(tokenKey, read);
        // an invalidation between the check above and this put removed the map before it held this entry: undo
        if (invalidations.get() != generation) {
            entries.remove(tokenKey);
        }
    }

    /**
     * After a write of the user's row or of its tokens' revocation on {@code sql}: drops what is kept of the user now and
     * again once {@code sql}'s transaction ended (when {@code sql} is a connection in a transaction), and tells the other
     * instances ({@link ChangeBroadcast#changed}: the returned Uni completes once Redis took the announcement).
     */
    public Uni<Void> changed(SqlClient sql, String poolId, UUID sub) {
        UserKey key = new UserKey(poolId, sub);
        Runnable drop = () -> {
            invalidations.incrementAndGet();
            users.remove(key);
        };
        drop.run();
        afterTransaction(sql, drop);
        // told even with the cache off here: another instance (a rolling change of the setting) may have it on
        return broadcast.changed(sql, nameOf(poolId, sub));
    }

    private static String nameOf(String poolId, UUID sub) {
        return NAME_PREFIX + poolId + ":" + sub;
    }

    /** The key of a name of {@link #nameOf}, or null for another kind of name (or a malformed one). */
    private static UserKey userKeyOf(String name) {
        int separator = name.lastIndexOf(':');
        if (!name.startsWith(NAME_PREFIX) || separator <= NAME_PREFIX.length()) {
            return null;
        }
        try {
            return new UserKey(name.substring(NAME_PREFIX.length(), separator), UUID.fromString(name.substring(separator + 1)));
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** After a write that may touch every user of the pool (a schema change, the pool deleted): everything is dropped. */
    public void poolChanged(SqlClient sql) {
        Runnable drop = () -> {
            invalidations.incrementAndGet();
            users.clear();
        };
        drop.run();
        afterTransaction(sql, drop);
    }

    private static void afterTransaction(SqlClient sql, Runnable drop) {
        Transaction transaction = sql instanceof SqlConnection connection ? connection.transaction() : null;
        if (transaction != null) {
            // committed or rolled back, the user's state may have changed meanwhile: drop it either way
            transaction.completion().subscribe().with(done -> drop.run(), failed -> drop.run());
        }
    }
}
