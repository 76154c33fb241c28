package dev.cognate.internalapi;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * trigger-runner's durable deliveries, on its internal API for user-pool-service's CognateAdmin actions: the dead
 * letters of a pool's post-event triggers and event subscriptions ({@link InternalRoutes#DEAD_LETTERS}, replayed on
 * {@link InternalRoutes#DEAD_LETTER_REPLAY}) and the pool's event subscriptions ({@link InternalRoutes#EVENT_SUBSCRIPTIONS}).
 * A refused request is answered 400 with an {@link Error}, an unknown id 404.
 */
public final class EventDeliveries {

    private EventDeliveries() {
    }

    /** What a dead letter was: a post-event trigger call or an event subscription's delivery. */
    public enum Kind {
        TRIGGER, SUBSCRIPTION
    }

    /**
     * One delivery that was given up: {@code name} is the trigger ({@code PostConfirmation}) or the event type,
     * {@code target} where it went, {@code lastError} why the last attempt failed (never the payload). Times in epoch seconds.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeadLetter(String id, String userPoolId, Kind kind, String name, String target, String eventId,
                             String subscriptionId, int attempts, String lastError, long createdAt, long deadLetteredAt) {
    }

    /** One page of dead letters; {@code nextToken} is null on the last page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeadLetterPage(List<DeadLetter> deadLetters, String nextToken) {
    }

    /** A subscription to create: {@code eventTypes} are user pool event types ({@code cognate.userpool.*.v1}) or {@code *}. */
    public record NewSubscription(String endpoint, List<String> eventTypes) {
    }

    public record Subscription(String id, String userPoolId, String endpoint, List<String> eventTypes, long createdAt) {
    }

    public record Subscriptions(List<Subscription> subscriptions) {
    }

    /** Why trigger-runner refused a request (400): a message for the operator. */
    public record Error(String message) {
    }
}
