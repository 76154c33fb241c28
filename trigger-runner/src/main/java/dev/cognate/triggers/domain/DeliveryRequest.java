package dev.cognate.triggers.domain;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventType;
import dev.cognate.events.MessageEvents;
import dev.cognate.events.MessageEvents.DeliveryRequested;

import java.util.List;

/**
 * A delivery request read from {@code cognate.messages}: the CloudEvent id it is deduplicated by, its type and
 * its data, every field the delivery needs present. The secret is still sealed.
 */
public record DeliveryRequest(String eventId, String type, Medium medium, DeliveryRequested data) {

    private static final List<EventType<DeliveryRequested>> TYPES =
            List.of(MessageEvents.INVITATION_REQUESTED, MessageEvents.CODE_REQUESTED);

    /** The request, or {@link MalformedEventException} when the event is not one trigger-runner can deliver. */
    public static DeliveryRequest of(CloudEvent event) {
        if (event.id().isBlank()) {
            throw new MalformedEventException("the event has an empty id");
        }
        EventType<DeliveryRequested> type = TYPES.stream().filter(known -> known.name().equals(event.type())).findFirst()
                .orElseThrow(() -> new MalformedEventException("event " + event.id() + " has unknown type " + event.type()));
        DeliveryRequested data;
        try {
            data = event.dataAs(type);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("event " + event.id() + " has unreadable data: " + e.getMessage(), e);
        }
        if (data == null) {
            throw new MalformedEventException("event " + event.id() + " has no data");
        }
        require(event, "userPoolId", data.userPoolId());
        require(event, "sub", data.sub());
        require(event, "purpose", data.purpose());
        require(event, "destination", data.destination());
        require(event, "sealedSecret", data.sealedSecret());
        require(event, "message", data.message());
        return new DeliveryRequest(event.id(), event.type(), Medium.of(data.medium()), data);
    }

    public String userPoolId() {
        return data.userPoolId();
    }

    public String purpose() {
        return data.purpose();
    }

    public String maskedDestination() {
        return medium.mask(data.destination());
    }

    /** What logs may show: never the destination in full, the text or the secret. */
    @Override
    public String toString() {
        return "event " + eventId + " (" + data.purpose() + ", " + medium + " to " + maskedDestination() + ")";
    }

    private static void require(CloudEvent event, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("event " + event.id() + " has no " + field);
        }
    }
}
