package dev.cognate.triggers.durable;

import dev.cognate.internalapi.EventDeliveries;
import dev.cognate.internalapi.EventDeliveries.Kind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Queries of {@code event_deliveries} (V7). A due delivery is claimed by moving its {@code next_attempt_at} past the
 * call's lease ({@code FOR UPDATE SKIP LOCKED}, so two replicas never take the same row and a crashed attempt is taken
 * again once its lease ends) and updated after the call, with no transaction held while the function runs.
 */
@ApplicationScoped
public class EventDeliveryRepository {

    private static final int MAX_ERROR_LENGTH = 1000;

    private static final String INSERT = """
            INSERT INTO event_deliveries (id, event_id, user_pool_id, kind, name, subscription_id, target, timeout_millis,
                                          payload, status, next_attempt_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'PENDING', $10)
            ON CONFLICT DO NOTHING
            """;
    private static final String CLAIM = """
            UPDATE event_deliveries SET next_attempt_at = $2 + make_interval(secs => (timeout_millis / 1000.0) + $3), updated_at = now()
            WHERE id IN (SELECT id FROM event_deliveries WHERE status = 'PENDING' AND next_attempt_at <= $2
                         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING id, event_id, user_pool_id, kind, name, subscription_id, target, timeout_millis, payload, attempts, created_at
            """;
    private static final String DELIVERED = """
            UPDATE event_deliveries SET status = 'DELIVERED', attempts = attempts + 1, last_error = $2, updated_at = now()
            WHERE id = $1 AND status = 'PENDING'
            """;
    private static final String RETRY = """
            UPDATE event_deliveries SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3, updated_at = now()
            WHERE id = $1 AND status = 'PENDING'
            """;
    private static final String DEAD = """
            UPDATE event_deliveries SET status = 'DEAD', attempts = attempts + 1, last_error = $2, dead_lettered_at = $3, updated_at = now()
            WHERE id = $1 AND status = 'PENDING'
            """;
    private static final String LIST_DEAD = """
            SELECT id, user_pool_id, kind, name, target, event_id, subscription_id, attempts, last_error, created_at, dead_lettered_at
            FROM event_deliveries WHERE user_pool_id = $1 AND status = 'DEAD' AND id > $2 ORDER BY id LIMIT $3
            """;
    private static final String REPLAY = """
            UPDATE event_deliveries SET status = 'PENDING', attempts = 0, next_attempt_at = $3, dead_lettered_at = NULL, updated_at = now()
            WHERE id = $1 AND user_pool_id = $2 AND status = 'DEAD'
            """;

    /** A new pending delivery, due at once; a second copy of the same event (and subscription) adds nothing. */
    public Uni<Void> insert(SqlClient sql, String eventId, String userPoolId, Kind kind, String name, String subscriptionId,
                            String target, long timeoutMillis, String payload, Instant now) {
        return sql.preparedQuery(INSERT).execute(Tuple.tuple().addString(UUID.randomUUID().toString()).addString(eventId)
                        .addString(userPoolId).addString(kind.name()).addString(name).addString(subscriptionId).addString(target)
                        .addLong(timeoutMillis).addString(payload).addOffsetDateTime(at(now)))
                .replaceWithVoid();
    }

    /** Up to {@code limit} due deliveries, each leased for its timeout plus {@code leaseMarginSeconds}. */
    public Uni<List<EventDelivery>> claimDue(SqlClient sql, int limit, Instant now, long leaseMarginSeconds) {
        return sql.preparedQuery(CLAIM).execute(Tuple.of(limit, at(now), (double) leaseMarginSeconds)).map(rows -> {
            List<EventDelivery> due = new ArrayList<>();
            rows.forEach(row -> due.add(new EventDelivery(row.getString("id"), row.getString("event_id"), row.getString("user_pool_id"),
                    Kind.valueOf(row.getString("kind")), row.getString("name"), row.getString("subscription_id"),
                    row.getString("target"), row.getLong("timeout_millis"), row.getString("payload"), row.getInteger("attempts"),
                    row.getOffsetDateTime("created_at").toInstant())));
            return due;
        });
    }

    public Uni<Void> delivered(SqlClient sql, String id, String note) {
        return sql.preparedQuery(DELIVERED).execute(Tuple.of(id, bounded(note))).replaceWithVoid();
    }

    public Uni<Void> retryAt(SqlClient sql, String id, String error, Instant next) {
        return sql.preparedQuery(RETRY).execute(Tuple.of(id, bounded(error), at(next))).replaceWithVoid();
    }

    public Uni<Void> deadLetter(SqlClient sql, String id, String error, Instant now) {
        return sql.preparedQuery(DEAD).execute(Tuple.of(id, bounded(error), at(now))).replaceWithVoid();
    }

    /** Dead letters of a pool in id order, after {@code afterId} (empty string: from the start). */
    public Uni<List<EventDeliveries.DeadLetter>> deadLetters(SqlClient sql, String userPoolId, String afterId, int limit) {
        return sql.preparedQuery(LIST_DEAD).execute(Tuple.of(userPoolId, afterId, limit)).map(rows -> {
            List<EventDeliveries.DeadLetter> letters = new ArrayList<>();
            rows.forEach(row -> letters.add(deadLetterOf(row)));
            return letters;
        });
    }

    /** A dead letter due again at once, with its attempts counted afresh; false when the pool has no such dead letter. */
    public Uni<Boolean> replay(SqlClient sql, String userPoolId, String id, Instant now) {
        return sql.preparedQuery(REPLAY).execute(Tuple.of(id, userPoolId, at(now))).map(rows -> rows.rowCount() == 1);
    }

    /** Removes delivered rows last changed before {@code before}; the number removed. */
    public Uni<Integer> purgeDelivered(SqlClient sql, Instant before) {
        return sql.preparedQuery("DELETE FROM event_deliveries WHERE status = 'DELIVERED' AND updated_at < $1")
                .execute(Tuple.of(at(before))).map(rows -> rows.rowCount());
    }

    private static EventDeliveries.DeadLetter deadLetterOf(Row row) {
        return new EventDeliveries.DeadLetter(row.getString("id"), row.getString("user_pool_id"), Kind.valueOf(row.getString("kind")),
                row.getString("name"), row.getString("target"), row.getString("event_id"), row.getString("subscription_id"),
                row.getInteger("attempts"), row.getString("last_error"), row.getOffsetDateTime("created_at").toEpochSecond(),
                Optional.ofNullable(row.getOffsetDateTime("dead_lettered_at")).map(OffsetDateTime::toEpochSecond).orElse(0L));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String bounded(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
