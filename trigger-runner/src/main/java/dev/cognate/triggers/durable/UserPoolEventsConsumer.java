package dev.cognate.triggers.durable;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventJson;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.internalapi.EventDeliveries.Kind;
import dev.cognate.outbox.consumer.ConsumersConfig;
import dev.cognate.outbox.consumer.EventHandler;
import dev.cognate.outbox.consumer.IdempotentConsumer;
import dev.cognate.outbox.consumer.UnprocessableEventException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Clock;

/**
 * Consumes {@code cognate.userpool.events} (channel {@code userpool-events}) on the shared {@link IdempotentConsumer}:
 * in the transaction that records the CloudEvent id as processed, a post-trigger request
 * ({@link UserPoolEvents#POST_TRIGGER_REQUESTED}) becomes one pending trigger delivery, and any other event one pending
 * delivery per event subscription of its pool that names its type (or {@code *}). {@link EventDeliveryJob} delivers
 * them; a redelivered event adds nothing (the dedup row, and the table's unique index).
 */
@ApplicationScoped
public class UserPoolEventsConsumer implements EventHandler<CloudEvent> {

    static final String CHANNEL = "userpool-events";
    private static final String SOURCE_PREFIX = "/userpools/";

    private final EventDeliveryRepository deliveries;
    private final EventSubscriptionRepository subscriptions;
    private final EventDeliveryConfig config;
    private final Clock clock;
    private final IdempotentConsumer<CloudEvent> consumer;

    public UserPoolEventsConsumer(Pool db, ConsumersConfig consumers, EventDeliveryRepository deliveries,
                                  EventSubscriptionRepository subscriptions, EventDeliveryConfig config, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.config = config;
        this.clock = clock;
        this.consumer = IdempotentConsumer.of(db, consumers, CHANNEL, this);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        return consumer.consume(message);
    }

    @Override
    public CloudEvent parse(CloudEvent event) {
        if (!event.source().startsWith(SOURCE_PREFIX) || event.source().length() == SOURCE_PREFIX.length()) {
            throw new UnprocessableEventException("not a user pool event: source " + event.source());
        }
        if (event.type().equals(UserPoolEvents.POST_TRIGGER_REQUESTED.name())) {
            UserPoolEvents.PostTriggerRequested request = requestOf(event);
            if (request.userPoolId() == null || request.trigger() == null || request.target() == null
                    || request.event() == null || !request.event().isObject()) {
                throw new UnprocessableEventException("a trigger request needs userPoolId, trigger, target and an event object");
            }
        }
        return event;
    }

    @Override
    public Uni<Void> apply(SqlClient transaction, CloudEvent event, int attempt) {
        String poolId = event.source().substring(SOURCE_PREFIX.length());
        if (event.type().equals(UserPoolEvents.POST_TRIGGER_REQUESTED.name())) {
            UserPoolEvents.PostTriggerRequested request = requestOf(event);
            return deliveries.insert(transaction, event.id(), request.userPoolId(), Kind.TRIGGER, request.trigger(), null,
                    request.target(), request.timeoutMillis(), json(request.event()), clock.instant());
        }
        String payload = json(event);
        return subscriptions.matching(transaction, poolId, event.type())
                .onItem().transformToMulti(found -> Multi.createFrom().iterable(found))
                .onItem().transformToUniAndConcatenate(subscription -> deliveries.insert(transaction, event.id(), poolId,
                        Kind.SUBSCRIPTION, event.type(), subscription.id(), subscription.endpoint(),
                        config.subscriptionTimeout().toMillis(), payload, clock.instant()))
                .collect().last().replaceWithVoid();
    }

    private static UserPoolEvents.PostTriggerRequested requestOf(CloudEvent event) {
        try {
            return event.dataAs(UserPoolEvents.POST_TRIGGER_REQUESTED);
        } catch (IllegalArgumentException e) {
            throw new UnprocessableEventException("unreadable trigger request: " + e.getMessage());
        }
    }

    private static String json(Object value) {
        try {
            return EventJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UnprocessableEventException("cannot write the payload: " + e.getOriginalMessage());
        }
    }
}
