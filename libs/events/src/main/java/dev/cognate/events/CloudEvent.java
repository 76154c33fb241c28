package dev.cognate.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in its JSON structured mode, as every Cognate event travels on
 * Kafka. {@code id} is the idempotency key consumers deduplicate on; {@code data} is kept as a
 * JSON tree so a consumer reads the records it knows ({@link #dataAs}) and passes the rest on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    /** A new event with a random id and the current time. */
    public static CloudEvent of(EventType<?> type, String source, String subject, Object data) {
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), source, type.name(), subject,
                Instant.now(), JSON, EventJson.MAPPER.valueToTree(data));
    }

    /** The payload as the record of its type. */
    public <T> T dataAs(EventType<T> expected) {
        if (!expected.name().equals(type)) {
            throw new IllegalArgumentException("event " + id + " is " + type + ", not " + expected.name());
        }
        return EventJson.MAPPER.convertValue(data, expected.dataType());
    }

    /** The CloudEvents {@code source} of a user pool: {@code /userpools/{poolId}}. */
    public static String userPoolSource(String poolId) {
        return "/userpools/" + poolId;
    }

    /** The CloudEvents {@code source} of an identity pool: {@code /identitypools/{id}}. */
    public static String identityPoolSource(String identityPoolId) {
        return "/identitypools/" + identityPoolId;
    }
}
