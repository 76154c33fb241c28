package dev.cognate.outbox.consumer;

import dev.cognate.events.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * What one Kafka consumer does with its events; {@link IdempotentConsumer} does the rest (reading the envelope,
 * deduplication, retries, dead letters, acknowledgement).
 *
 * @param <T> the consumer's reading of an event
 */
public interface EventHandler<T> {

    /**
     * Reads the consumer's view of an event. Anything that can never be applied (unknown type, missing fields)
     * throws, preferably {@link UnprocessableEventException}: the record is dead-lettered at once, with 0 attempts.
     */
    T parse(CloudEvent event);

    /**
     * Applies a first delivery inside {@code transaction}, the one that records the event id as processed: both
     * commit or neither does. {@link UnprocessableEventException} dead-letters the record at once; any other failure
     * is retried with back-off, at most {@code max-attempts} times in all.
     *
     * @param attempt 1 for the first attempt
     */
    Uni<Void> apply(SqlClient transaction, T event, int attempt);

    /**
     * Called after a failed attempt, outside the rolled-back transaction (for example to keep a delivery log).
     * A failure of this hook is logged and does not change what happens to the record.
     *
     * @param retrying {@code true} when another attempt follows, {@code false} when the record is dead-lettered
     */
    default Uni<Void> failed(T event, int attempt, Throwable failure, boolean retrying) {
        return Uni.createFrom().voidItem();
    }

    /** How log lines name the event: never with personal data or secrets. By default its id and type. */
    default String describe(CloudEvent envelope, T event) {
        return "event " + envelope.id() + " (" + envelope.type() + ")";
    }
}
