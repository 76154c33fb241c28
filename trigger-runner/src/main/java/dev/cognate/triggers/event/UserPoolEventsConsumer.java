package dev.cognate.triggers.event;

import dev.cognate.triggers.config.TriggerRunnerConfig;
import dev.cognate.triggers.domain.ObservedEvent;
import dev.cognate.triggers.service.UserPoolEventService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code cognate.userpool.events} (channel {@code userpool-events}), one record at a time per
 * partition so that one user's events stay in order.
 * <ul>
 * <li>Applied (or a duplicate): acknowledged; the offset is committed after the transaction.</li>
 * <li>Malformed (not a CloudEvent, not from a user pool): logged with its position and the parse error (not the
 * whole payload), and dead-lettered at once to {@code cognate.userpool.events.dlq}.</li>
 * <li>Any other failure (PostgreSQL down, ...): retried with back-off until it succeeds, so an outage delays events
 * but dead-letters none; the partition waits, keeping order.</li>
 * </ul>
 */
@ApplicationScoped
public class UserPoolEventsConsumer {

    private static final Logger LOG = Logger.getLogger(UserPoolEventsConsumer.class);

    private final UserPoolEventService events;
    private final TriggerRunnerConfig.Consumer config;

    public UserPoolEventsConsumer(UserPoolEventService events, TriggerRunnerConfig config) {
        this.events = events;
        this.config = config.consumer();
    }

    @Incoming("userpool-events")
    public Uni<Void> consume(Message<String> message) {
        return Uni.createFrom().item(() -> parse(message.getPayload()))
                .chain(event -> events.observe(event)
                        .onFailure().invoke(failure -> LOG.warnf("Applying event %s failed, retrying (%s): %s",
                                event.eventId(), KafkaMessages.position(message), failure.toString()))
                        .onFailure().retry()
                        .withBackOff(config.initialBackoff(), config.maxBackoff())
                        .indefinitely()
                        .invoke(applied -> {
                            if (!applied) {
                                LOG.debugf("Skipped event %s, applied before (%s)", event.eventId(), KafkaMessages.position(message));
                            }
                        }))
                .onItemOrFailure().transformToUni((applied, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    LOG.warnf("Dead-lettering a malformed message (%s): %s", KafkaMessages.position(message), failure.getMessage());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    private static ObservedEvent parse(String payload) {
        return ObservedEvent.of(KafkaMessages.cloudEvent(payload));
    }
}
