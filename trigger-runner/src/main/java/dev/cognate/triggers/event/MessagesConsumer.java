package dev.cognate.triggers.event;

import dev.cognate.triggers.config.TriggerRunnerConfig;
import dev.cognate.triggers.domain.DeadLetterException;
import dev.cognate.triggers.domain.DeliveryRequest;
import dev.cognate.triggers.domain.MalformedEventException;
import dev.cognate.triggers.service.MessageDeliveryService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Consumes {@code cognate.messages} (channel {@code messages}): delivery requests for codes and invitations.
 * <ul>
 * <li>Delivered, or delivered before: acknowledged; the offset is committed after the transaction.</li>
 * <li>Malformed (not a CloudEvent, unknown type, missing fields, a secret that does not open), refused for good,
 * or still failing after the last attempt: dead-lettered to {@code cognate.messages.dlq} with a
 * {@code delivery-attempts} header.</li>
 * <li>PostgreSQL unavailable: retried with back-off until it is back, like {@link UserPoolEventsConsumer}.</li>
 * </ul>
 * Logs name the event, purpose, medium and a masked destination; never the text, the code or the password.
 */
@ApplicationScoped
public class MessagesConsumer {

    private static final Logger LOG = Logger.getLogger(MessagesConsumer.class);
    static final String ATTEMPTS_HEADER = "delivery-attempts";

    private final MessageDeliveryService delivery;
    private final TriggerRunnerConfig.Consumer config;

    public MessagesConsumer(MessageDeliveryService delivery, TriggerRunnerConfig config) {
        this.delivery = delivery;
        this.config = config.consumer();
    }

    @Incoming("messages")
    public Uni<Void> consume(Message<String> message) {
        return Uni.createFrom().item(() -> parse(message.getPayload()))
                .chain(request -> delivery.deliver(request)
                        .onFailure(failure -> !isFinal(failure)).invoke(failure -> LOG.warnf(
                                "Delivering %s failed, retrying (%s): %s", request, KafkaMessages.position(message), failure.toString()))
                        .onFailure(failure -> !isFinal(failure)).retry()
                        .withBackOff(config.initialBackoff(), config.maxBackoff())
                        .indefinitely())
                .onItemOrFailure().transformToUni((outcome, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    int attempts = failure instanceof DeadLetterException dead ? dead.attempts() : 0;
                    if (failure instanceof MalformedEventException) {
                        LOG.warnf("Dead-lettering a malformed message (%s): %s", KafkaMessages.position(message), failure.getMessage());
                    }
                    RecordHeaders headers = new RecordHeaders();
                    headers.add(ATTEMPTS_HEADER, Integer.toString(attempts).getBytes(StandardCharsets.UTF_8));
                    return Uni.createFrom().completionStage(message.nack(failure,
                            Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build())));
                });
    }

    private static boolean isFinal(Throwable failure) {
        return failure instanceof DeadLetterException || failure instanceof MalformedEventException;
    }

    private static DeliveryRequest parse(String payload) {
        return DeliveryRequest.of(KafkaMessages.cloudEvent(payload));
    }
}
