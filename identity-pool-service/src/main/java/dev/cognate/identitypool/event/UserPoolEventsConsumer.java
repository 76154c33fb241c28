package dev.cognate.identitypool.event;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventJson;
import dev.cognate.identitypool.service.UserPoolEventService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Consumes {@code cognate.userpool.events} (channel {@code user-pool-events}, see
 * application.properties). A record is acknowledged, and its offset committed, only after its
 * transaction has committed. A record that is not a CloudEvent is refused and goes to
 * {@code cognate.userpool.events.dlq}; a database failure is retried (with back-off) rather than
 * dead-lettered, so an outage delays events but loses none.
 */
@ApplicationScoped
public class UserPoolEventsConsumer {

    private static final Logger LOG = Logger.getLogger(UserPoolEventsConsumer.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final UserPoolEventService events;

    public UserPoolEventsConsumer(UserPoolEventService events) {
        this.events = events;
    }

    @Incoming("user-pool-events")
    public Uni<Void> consume(String payload) {
        CloudEvent event;
        try {
            event = EventJson.read(payload);
        } catch (IllegalArgumentException e) {
            LOG.warnf("cognate.userpool.events: undecodable record sent to the dead-letter topic (%s)", e.getMessage());
            return Uni.createFrom().failure(new UndecodableEventException(e));
        }
        return events.apply(event)
                .onFailure().invoke(failure -> LOG.warnf("user pool event %s (%s) not applied yet, will retry: %s",
                        event.id(), event.type(), failure.getMessage()))
                .onFailure().retry().withBackOff(FIRST_RETRY, MAX_RETRY).indefinitely()
                .invoke(applied -> LOG.debugf("user pool event %s (%s) %s", event.id(), event.type(),
                        applied ? "applied" : "already applied, skipped"))
                .replaceWithVoid();
    }

    /** A record on the topic that is not a CloudEvents 1.0 JSON envelope. */
    static final class UndecodableEventException extends RuntimeException {
        UndecodableEventException(Throwable cause) {
            super("not a CloudEvent: " + cause.getMessage(), cause, false, false);
        }
    }
}
