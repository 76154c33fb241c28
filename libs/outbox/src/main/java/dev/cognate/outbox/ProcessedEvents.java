package dev.cognate.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Consumer-side deduplication: delivery is at least once, so a consumer records each event id it
 * applies, in the same transaction as its effect, and skips ids it has seen.
 */
public final class ProcessedEvents {

    private static final String INSERT =
            "INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";

    private ProcessedEvents() {
    }

    /**
     * Records that {@code consumer} applies {@code eventId}.
     *
     * @return {@code true} the first time (apply the event), {@code false} for a duplicate (skip it)
     */
    public static Uni<Boolean> firstDelivery(SqlClient transaction, String consumer, String eventId) {
        return transaction.preparedQuery(INSERT)
                .execute(Tuple.of(consumer, eventId))
                .map(result -> result.rowCount() == 1);
    }
}
