package dev.cognate.triggers.event;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventJson;
import dev.cognate.triggers.domain.MalformedEventException;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/** What every consumer of this service does with a Kafka record before its own work: read the CloudEvent, say where it came from. */
final class KafkaMessages {

    private KafkaMessages() {
    }

    /** The record's CloudEvent; {@link MalformedEventException} (dead-lettered at once) when it is none. */
    static CloudEvent cloudEvent(String payload) {
        if (payload == null) {
            throw new MalformedEventException("empty message");
        }
        try {
            return EventJson.read(payload);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage(), e);
        }
    }

    /** {@code topic-partition@offset}, for log lines (never the payload, which may hold personal data). */
    static String position(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> kafka.getTopic() + "-" + kafka.getPartition() + "@" + kafka.getOffset())
                .orElse("no Kafka metadata");
    }
}
