package dev.cognate.userpool.repository;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A stamp per cached thing (a user's access-token standing), shared by every instance through Redis, so that what an
 * instance keeps in memory is not used after another instance changed the thing: a reader keeps a value with the stamp
 * it saw <em>before</em> reading the database and uses it only while the stamp is still the same; a writer gives the
 * thing a new stamp once its transaction committed.
 *
 * <p><b>Why a write is "in flight" first.</b> A writer inside a transaction cannot wait for the commit before its
 * request answers (the commit happens after the repository call returns). So it first counts itself in flight
 * ({@code pending}, awaited, before the commit), and after the commit gives the thing a new stamp and counts itself out
 * (not awaited). While anything is in flight readers neither use nor keep a value; once the write is counted out, the
 * stamp is new. Either way a request that starts after the writer's answer reads the database. A write outside a
 * transaction (already committed) gives the new stamp at once, awaited.
 *
 * <p><b>Failing closed.</b> Redis unreachable for a reader: {@link #current} answers {@code null} and the reader goes to
 * the database without keeping anything. Redis lost its data: a missing stamp is created anew (random), so nothing
 * kept before matches. What is not covered — a writer that cannot reach Redis while readers can, a crash between
 * commit and the new stamp (the in-flight count then expires after {@link #TTL_SECONDS}, keeping readers away until
 * then), a change made by hand in the database — is bounded by the caches' own TTL.
 *
 * <p>One Redis hash per thing, {@code cognate:stamp:<name>} with fields {@code stamp} and {@code pending}, expiring
 * {@link #TTL_SECONDS} after its last change (an expired stamp is a new one: a miss, never a stale hit).
 */
@ApplicationScoped
public class ChangeStamps {

    static final String KEY_PREFIX = "cognate:stamp:";
    static final long TTL_SECONDS = 600;
    private static final Logger LOG = Logger.getLogger(ChangeStamps.class);

    /** A missing stamp is created (the reader's own random one), so a reader always gets one it can keep values under. */
    private static final String CREATE = "local s = redis.call('HGET', KEYS[1], 'stamp') "
            + "if not s then s = ARGV[1] redis.call('HSET', KEYS[1], 'stamp', s) redis.call('EXPIRE', KEYS[1], ARGV[2]) end "
            + "return {s, redis.call('HGET', KEYS[1], 'pending') or '0'}";
    private static final String BEGIN = "redis.call('HINCRBY', KEYS[1], 'pending', 1) redis.call('EXPIRE', KEYS[1], ARGV[1]) return 1";
    /** Counted out (never below zero: the count may have been lost with Redis's data) and stamped anew. */
    private static final String END = "local p = tonumber(redis.call('HGET', KEYS[1], 'pending') or '0') "
            + "if p > 0 and ARGV[3] == '1' then redis.call('HINCRBY', KEYS[1], 'pending', -1) end "
            + "redis.call('HSET', KEYS[1], 'stamp', ARGV[1]) redis.call('EXPIRE', KEYS[1], ARGV[2]) return 1";

    private final ReactiveRedisDataSource redis;

    public ChangeStamps(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * The thing's stamp now, or {@code null} when a value read now must be neither used from memory nor kept: a write of
     * it is in flight, or Redis did not answer.
     */
    public Uni<String> current(String name) {
        String key = KEY_PREFIX + name;
        return redis.execute("HMGET", key, "stamp", "pending")
                .chain(found -> {
                    String stamp = text(found.get(0));
                    if (stamp != null) {
                        return Uni.createFrom().item(settled(stamp, text(found.get(1))));
                    }
                    return redis.execute("EVAL", CREATE, "1", key, newStamp(), Long.toString(TTL_SECONDS))
                            .map(created -> settled(text(created.get(0)), text(created.get(1))));
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("change stamps unavailable, reading without the cache: %s", failure.getMessage());
                    return null;
                });
    }

    /**
     * After a write of the thing on {@code sql}. In a transaction: counted in flight now (the returned Uni completes
     * once Redis has it) and stamped anew when the transaction ends (committed or not); otherwise stamped anew now.
     * A failure is logged, not raised: the write stands, and the caches' TTL bounds what other instances keep.
     */
    public Uni<Void> changed(SqlClient sql, String name) {
        String key = KEY_PREFIX + name;
        Transaction transaction = sql instanceof SqlConnection connection ? connection.transaction() : null;
        if (transaction == null) {
            return end(key, false);
        }
        return redis.execute("EVAL", BEGIN, "1", key, Long.toString(TTL_SECONDS))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not mark %s as being changed for other instances (their caches see it within their TTL): %s",
                            name, failure.getMessage());
                    return null;
                })
                .invoke(() -> transaction.completion().subscribe().with(
                        done -> end(key, true).subscribe().with(ignored -> { }),
                        failed -> end(key, true).subscribe().with(ignored -> { })))
                .replaceWithVoid();
    }

    private Uni<Void> end(String key, boolean countedIn) {
        return redis.execute("EVAL", END, "1", key, newStamp(), Long.toString(TTL_SECONDS), countedIn ? "1" : "0")
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not stamp %s anew for other instances (their caches see it within their TTL): %s",
                            key, failure.getMessage());
                    return null;
                })
                .replaceWithVoid();
    }

    private static String settled(String stamp, String pending) {
        return pending == null || "0".equals(pending) || pending.startsWith("-") ? stamp : null;
    }

    private static String text(Response response) {
        return response == null ? null : response.toString();
    }

    private static String newStamp() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
