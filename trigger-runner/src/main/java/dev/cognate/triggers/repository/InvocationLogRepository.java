package dev.cognate.triggers.repository;

import dev.cognate.internalapi.TriggerInvocationLog;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The {@code trigger_invocations} table: one row per trigger call, newest first per pool. */
@ApplicationScoped
public class InvocationLogRepository {

    private static final int MAX_ERROR_TYPE_LENGTH = 200;

    private static final String INSERT = """
            INSERT INTO trigger_invocations (user_pool_id, trigger_name, target, started_at, duration_ms, outcome, error_type, attempts)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """;
    private static final String PAGE = """
            SELECT id, user_pool_id, trigger_name, target, started_at, duration_ms, outcome, error_type, attempts
            FROM trigger_invocations
            WHERE user_pool_id = $1 AND ($2::text IS NULL OR trigger_name = $2) AND id < $3
            ORDER BY id DESC LIMIT $4
            """;
    private static final String PURGE = "DELETE FROM trigger_invocations WHERE started_at < $1";

    private final Pool db;

    public InvocationLogRepository(Pool db) {
        this.db = db;
    }

    public Uni<Void> insert(TriggerInvocationLog.Entry entry) {
        String errorType = entry.errorType() == null || entry.errorType().length() <= MAX_ERROR_TYPE_LENGTH ? entry.errorType()
                : entry.errorType().substring(0, MAX_ERROR_TYPE_LENGTH);
        return db.preparedQuery(INSERT).execute(Tuple.tuple()
                        .addString(entry.userPoolId()).addString(entry.trigger()).addString(entry.target())
                        .addOffsetDateTime(OffsetDateTime.ofInstant(Instant.ofEpochMilli(entry.startedAt()), ZoneOffset.UTC))
                        .addLong(entry.durationMillis()).addString(entry.outcome()).addString(errorType)
                        .addInteger(entry.attempts()))
                .replaceWithVoid();
    }

    /** A page of rows older than {@code beforeId}, newest first; one more than {@code limit} tells whether more follow. */
    public Uni<Rows> page(String userPoolId, String trigger, long beforeId, int limit) {
        return db.preparedQuery(PAGE).execute(Tuple.of(userPoolId, trigger, beforeId, limit + 1)).map(rows -> {
            List<TriggerInvocationLog.Entry> entries = new ArrayList<>();
            long lastId = 0;
            boolean more = false;
            for (Row row : rows) {
                if (entries.size() == limit) {
                    more = true;
                    break;
                }
                entries.add(entry(row));
                lastId = row.getLong("id");
            }
            return new Rows(entries, more ? lastId : null);
        });
    }

    /** The rows of a page and, when more follow, the id the next page starts below. */
    public record Rows(List<TriggerInvocationLog.Entry> entries, Long nextBeforeId) {
    }

    /** Deletes the calls that started before {@code cutoff}; returns how many. */
    public Uni<Integer> purgeStartedBefore(Instant cutoff) {
        return db.preparedQuery(PURGE).execute(Tuple.of(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }

    private static TriggerInvocationLog.Entry entry(Row row) {
        return new TriggerInvocationLog.Entry(row.getString("user_pool_id"), row.getString("trigger_name"), row.getString("target"),
                row.getOffsetDateTime("started_at").toInstant().toEpochMilli(), row.getLong("duration_ms"),
                row.getString("outcome"), row.getString("error_type"), row.getInteger("attempts"));
    }
}
