package dev.cognate.triggers.durable;

import dev.cognate.internalapi.EventDeliveries.Kind;

/**
 * One durable delivery of {@code event_deliveries}: a post-event trigger call or an event subscription's delivery.
 * {@code payload} is the JSON the target receives (Cognito's trigger event, or the CloudEvent); {@code attempts} counts
 * the attempts made before this one; {@code createdAt} is when the event arrived (the bound on its age).
 */
public record EventDelivery(String id, String eventId, String userPoolId, Kind kind, String name, String subscriptionId,
                            String target, long timeoutMillis, String payload, int attempts, java.time.Instant createdAt) {

    /** How log lines name it: never the payload. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " delivery " + id + " (" + name + " of " + userPoolId
                + ", event " + eventId + ")";
    }
}
