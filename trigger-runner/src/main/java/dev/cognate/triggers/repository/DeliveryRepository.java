package dev.cognate.triggers.repository;

import dev.cognate.triggers.domain.DeliveryRequest;
import dev.cognate.triggers.domain.DeliveryStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes of the {@code deliveries} log; callers pass the connection so a write joins their transaction. */
@ApplicationScoped
public class DeliveryRepository {

    private static final int MAX_ERROR_LENGTH = 1000;

    private static final String UPSERT = """
            INSERT INTO deliveries (event_id, type, user_pool_id, purpose, medium, masked_destination, status, attempts, last_error)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (event_id) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts,
                last_error = COALESCE(EXCLUDED.last_error, deliveries.last_error), updated_at = now()
            WHERE deliveries.status <> 'DELIVERED'
            """;

    /** In the transaction that recorded the event as processed; keeps the last error of earlier attempts. */
    public Uni<Void> recordDelivered(SqlClient transaction, DeliveryRequest request, int attempts) {
        return upsert(transaction, request, DeliveryStatus.DELIVERED, attempts, null);
    }

    /** A failed attempt or a rejection; never overwrites a delivered row. */
    public Uni<Void> recordFailure(SqlClient sql, DeliveryRequest request, DeliveryStatus status, int attempts, String error) {
        String bounded = error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        return upsert(sql, request, status, attempts, bounded);
    }

    private Uni<Void> upsert(SqlClient sql, DeliveryRequest request, DeliveryStatus status, int attempts, String error) {
        return sql.preparedQuery(UPSERT)
                .execute(Tuple.tuple().addString(request.eventId()).addString(request.type())
                        .addString(request.userPoolId()).addString(request.purpose()).addString(request.medium().name())
                        .addString(request.maskedDestination()).addString(status.name()).addInteger(attempts)
                        .addString(error))
                .replaceWithVoid();
    }
}
