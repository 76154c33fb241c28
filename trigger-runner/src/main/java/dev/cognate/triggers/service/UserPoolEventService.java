package dev.cognate.triggers.service;

import dev.cognate.events.outbox.ProcessedEvents;
import dev.cognate.triggers.config.TriggerRunnerConfig;
import dev.cognate.triggers.domain.ObservedEvent;
import dev.cognate.triggers.repository.ObservedEventRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies user pool events exactly once on top of at-least-once delivery: the dedup record and the effect commit
 * in one transaction, so a redelivered event (a retry, a rebalance, a restart before the offset commit) changes
 * nothing.
 */
@ApplicationScoped
public class UserPoolEventService {

    private final Pool db;
    private final ObservedEventRepository observed;
    private final String consumer;

    public UserPoolEventService(Pool db, ObservedEventRepository observed, TriggerRunnerConfig config) {
        this.db = db;
        this.observed = observed;
        this.consumer = config.consumer().name();
    }

    /** @return {@code true} when the event was applied now, {@code false} when it had been already */
    public Uni<Boolean> observe(ObservedEvent event) {
        return db.withTransaction(tx -> ProcessedEvents.firstDelivery(tx, consumer, event.eventId())
                .call(first -> first ? observed.insert(tx, event) : Uni.createFrom().voidItem()));
    }
}
