package dev.cognate.outbox;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes an event to the {@code outbox} table. Call it with the connection of the transaction that
 * makes the state change, so both commit or neither does; {@link OutboxRelay} publishes it later. The current trace
 * context ({@link TraceContext}) is stored with it, so the consumer's work joins the trace of the request that wrote it.
 *
 * <p>The {@code traceparent} column is added by a migration of each service (user-pool-service V16, identity-pool-service
 * V11, trigger-runner V4), not by this library's {@code db/outbox} migration, which is never edited once landed.
 */
public final class Outbox {

    private static final String INSERT = "INSERT INTO outbox (event_id, topic, message_key, payload, traceparent) VALUES ($1, $2, $3, $4, $5)";

    private Outbox() {
    }

    /**
     * @param transaction the connection of the state change's transaction
     * @param key         the Kafka key: events with one key stay in order (e.g. {@code poolId/sub})
     */
    public static Uni<Void> append(SqlClient transaction, String topic, String key, CloudEvent event) {
        return transaction.preparedQuery(INSERT)
                .execute(Tuple.of(event.id(), topic, key, EventJson.write(event), TraceContext.currentTraceparent().orElse(null)))
                .replaceWithVoid();
    }
}
