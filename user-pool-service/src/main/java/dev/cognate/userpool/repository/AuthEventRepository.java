package dev.cognate.userpool.repository;

import dev.cognate.userpool.domain.AuthEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Queries of {@code auth_events}: written in the transaction of the event's outbox row, read newest first, purged by age. */
@ApplicationScoped
public class AuthEventRepository {

    public Uni<Void> insert(SqlClient tx, AuthEvent event) {
        return insert(tx, "", event);
    }

    /**
     * The event of a success that also starts the user's lockout counter again ({@code sign_in_failures} of the event's
     * pool and sub deleted), in one statement: one round trip, where a separate {@code DELETE} was another on every sign-in
     * (PostgreSQL runs a data-modifying {@code WITH} once and to completion whether or not the main statement reads it).
     */
    public Uni<Void> insertResettingFailures(SqlClient tx, AuthEvent event) {
        return insert(tx, "WITH reset AS (DELETE FROM sign_in_failures WHERE user_pool_id = $2 AND sub = $3) ", event);
    }

    private Uni<Void> insert(SqlClient tx, String with, AuthEvent event) {
        return tx.preparedQuery(with + "INSERT INTO auth_events (event_id, user_pool_id, sub, event_type, event_response, challenge_response,"
                        + " mfa_response, reason, client_id, auth_flow, ip_address, created_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                .execute(Tuple.from(new Object[] {event.eventId(), event.userPoolId(), event.sub(), event.eventType(), event.eventResponse(),
                        event.challengeResponse(), event.mfaResponse(), event.reason(), event.clientId(), event.authFlow(), event.ipAddress(),
                        event.createdAt().atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    /** Up to {@code limit} events of the user, newest first, after ({@code afterTime}, {@code afterId}) when given. */
    public Uni<List<AuthEvent>> newestFirst(SqlClient sql, String poolId, UUID sub, Instant afterTime, UUID afterId, int limit) {
        String after = afterTime == null ? "" : " AND (created_at, event_id) < ($3, $4)";
        Tuple params = afterTime == null ? Tuple.of(poolId, sub, limit)
                : Tuple.of(poolId, sub, afterTime.atOffset(ZoneOffset.UTC), afterId, limit);
        return sql.preparedQuery("SELECT * FROM auth_events WHERE user_pool_id = $1 AND sub = $2" + after
                        + " ORDER BY created_at DESC, event_id DESC LIMIT $" + (afterTime == null ? 3 : 5))
                .execute(params)
                .map(rows -> {
                    List<AuthEvent> events = new ArrayList<>();
                    rows.forEach(row -> events.add(toEvent(row)));
                    return events;
                });
    }

    /** Deletes the events created before {@code cutoff}; answers how many. */
    public Uni<Integer> deleteCreatedBefore(SqlClient sql, Instant cutoff) {
        return sql.preparedQuery("DELETE FROM auth_events WHERE created_at < $1")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }

    private static AuthEvent toEvent(Row row) {
        return new AuthEvent(row.getUUID("event_id"), row.getString("user_pool_id"), row.getUUID("sub"), row.getString("event_type"),
                row.getString("event_response"), row.getString("challenge_response"), row.getString("mfa_response"),
                row.getString("reason"), row.getString("client_id"),
                row.getString("auth_flow"), row.getString("ip_address"), row.getOffsetDateTime("created_at").toInstant());
    }
}
