package dev.cognate.triggers.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventType;
import dev.cognate.events.MessageEvents;
import dev.cognate.events.MessageEvents.DeliveryRequested;

import java.util.List;

/**
 * A delivery request read from {@code cognate.messages}: the CloudEvent id it is deduplicated by, its type and
 * its data, every field the delivery needs present. The secret is still sealed (or, for a custom sender, encrypted
 * to the operator's key, which trigger-runner never holds).
 */
public record DeliveryRequest(String eventId, String type, Medium medium, DeliveryRequested data) {

    static final String CUSTOM_EMAIL_SENDER = "CustomEmailSender";
    static final String CUSTOM_SMS_SENDER = "CustomSMSSender";

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
        if (data.customSender() != null) {
            requireCustomSender(event, data.medium(), data.customSender());
        } else {
            require(event, "sealedSecret", data.sealedSecret());
            require(event, "message", data.message());
        }
        return new DeliveryRequest(event.id(), event.type(), Medium.of(data.medium()), data);
    }

    public String userPoolId() {
        return data.userPoolId();
    }

    /** The pool's custom sender to hand the message to instead of delivering it, if it has one. */
    public boolean toCustomSender() {
        return data.customSender() != null;
    }

    /**
     * What the delivery log and the logs call the message: its CustomMessage trigger source
     * ({@code CustomMessage_SignUp}), or the custom sender's ({@code CustomEmailSender_SignUp}).
     */
    public String purpose() {
        return toCustomSender() ? data.customSender().event().path("triggerSource").asText() : data.purpose();
    }

    public String maskedDestination() {
        return medium.mask(data.destination());
    }

    /** What logs may show: never the destination in full, the text or the secret. */
    @Override
    public String toString() {
        return "event " + eventId + " (" + purpose() + ", " + medium + " to " + maskedDestination() + ")";
    }

    /** A custom sender's target and the parts of its Cognito event trigger-runner relies on. */
    private static void requireCustomSender(CloudEvent event, String medium, MessageEvents.CustomSender sender) {
        if (!List.of(CUSTOM_EMAIL_SENDER, CUSTOM_SMS_SENDER).contains(sender.trigger())) {
            throw new MalformedEventException("event " + event.id() + " names custom sender " + sender.trigger()
                    + ", expected " + CUSTOM_EMAIL_SENDER + " or " + CUSTOM_SMS_SENDER);
        }
        String expected = CUSTOM_EMAIL_SENDER.equals(sender.trigger()) ? Medium.EMAIL.name() : Medium.SMS.name();
        if (!expected.equals(medium)) {
            throw new MalformedEventException("event " + event.id() + " hands a " + medium + " message to " + sender.trigger());
        }
        require(event, "customSender.target", sender.target());
        JsonNode cognitoEvent = sender.event();
        if (cognitoEvent == null || !cognitoEvent.path("triggerSource").asText().startsWith(sender.trigger() + "_")
                || !cognitoEvent.path("request").path("code").isTextual()) {
            throw new MalformedEventException("event " + event.id() + " has no " + sender.trigger()
                    + " event with a triggerSource and an encrypted request.code");
        }
    }

    private static void require(CloudEvent event, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("event " + event.id() + " has no " + field);
        }
    }
}
