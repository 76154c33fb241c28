package dev.cognate.triggers.domain;

import dev.cognate.events.CloudEvent;

/** A user pool event trigger-runner has applied: its CloudEvent id, type and the pool it concerns. */
public record ObservedEvent(String eventId, String type, String userPoolId) {

    private static final String USER_POOL_SOURCE = CloudEvent.userPoolSource("");

    /**
     * The event as observed, or {@link MalformedEventException} when it cannot be a user pool event: an empty id,
     * or a source other than {@code /userpools/{poolId}}.
     */
    public static ObservedEvent of(CloudEvent event) {
        if (event.id().isBlank()) {
            throw new MalformedEventException("the event has an empty id");
        }
        String source = event.source();
        if (!source.startsWith(USER_POOL_SOURCE) || source.length() == USER_POOL_SOURCE.length()
                || source.indexOf('/', USER_POOL_SOURCE.length()) >= 0) {
            throw new MalformedEventException("event " + event.id() + " has source " + source + ", not /userpools/{poolId}");
        }
        return new ObservedEvent(event.id(), event.type(), source.substring(USER_POOL_SOURCE.length()));
    }
}
