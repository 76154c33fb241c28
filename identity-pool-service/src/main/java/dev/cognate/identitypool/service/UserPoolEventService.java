package dev.cognate.identitypool.service;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.outbox.ProcessedEvents;
import dev.cognate.identitypool.repository.ObservedUserPoolEventRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Applies events from {@code cognate.userpool.events}. Delivery is at least once: the event id is
 * recorded in {@code processed_events} in the same transaction as the effect, so a redelivered
 * event changes nothing. For now the effect is to record what was seen; deleted user pools will
 * later remove themselves from identity pools' providers here.
 */
@ApplicationScoped
public class UserPoolEventService {

    public static final String CONSUMER = "identity-pool-service";
    private static final String USER_POOL_SOURCE_PREFIX = CloudEvent.userPoolSource("");

    private final Pool db;
    private final ObservedUserPoolEventRepository observed;

    public UserPoolEventService(Pool db, ObservedUserPoolEventRepository observed) {
        this.db = db;
        this.observed = observed;
    }

    /** @return {@code true} if the event was applied now, {@code false} if it had been applied before */
    public Uni<Boolean> apply(CloudEvent event) {
        return db.withTransaction(tx -> ProcessedEvents.firstDelivery(tx, CONSUMER, event.id())
                .call(first -> first
                        ? observed.insert(tx, event.id(), event.type(), userPoolId(event), Instant.now())
                        : Uni.createFrom().voidItem()));
    }

    /** The user pool an event is about: from its source {@code /userpools/{poolId}}, else its data's {@code userPoolId}. */
    static String userPoolId(CloudEvent event) {
        if (event.source().startsWith(USER_POOL_SOURCE_PREFIX) && event.source().length() > USER_POOL_SOURCE_PREFIX.length()) {
            return event.source().substring(USER_POOL_SOURCE_PREFIX.length());
        }
        if (event.data() != null && event.data().path("userPoolId").isTextual()) {
            return event.data().path("userPoolId").asText();
        }
        return null;
    }
}
