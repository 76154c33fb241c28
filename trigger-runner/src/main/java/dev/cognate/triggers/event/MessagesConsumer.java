package dev.cognate.triggers.event;

import dev.cognate.events.CloudEvent;
import dev.cognate.outbox.consumer.ConsumersConfig;
import dev.cognate.outbox.consumer.EventHandler;
import dev.cognate.outbox.consumer.IdempotentConsumer;
import dev.cognate.triggers.domain.DeliveryRequest;
import dev.cognate.triggers.service.MessageDeliveryService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code cognate.messages} (channel {@code messages}): delivery requests for codes and invitations, on the
 * shared {@link IdempotentConsumer} (deduplicated by CloudEvent id, offsets committed after the transaction).
 * <ul>
 * <li>Delivered, or delivered before: acknowledged.</li>
 * <li>Malformed (not a CloudEvent, unknown type, missing fields), a secret that does not open, refused for good:
 * dead-lettered at once to {@code cognate.messages.dlq}.</li>
 * <li>Failing transiently (SMTP or gateway down): tried again with back-off ({@code cognate.consumers.messages.*}),
 * dead-lettered after the last attempt.</li>
 * <li>PostgreSQL unavailable: waited for, however long, without counting an attempt.</li>
 * </ul>
 * Logs name the event, purpose, medium and a masked destination; never the text, the code or the password.
 */
@ApplicationScoped
public class MessagesConsumer implements EventHandler<DeliveryRequest> {

    static final String CHANNEL = "messages";

    private final MessageDeliveryService delivery;
    private final IdempotentConsumer<DeliveryRequest> consumer;

    public MessagesConsumer(Pool db, ConsumersConfig config, MessageDeliveryService delivery) {
        this.delivery = delivery;
        this.consumer = IdempotentConsumer.of(db, config, CHANNEL, this);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        return consumer.consume(message);
    }

    @Override
    public DeliveryRequest parse(CloudEvent event) {
        return DeliveryRequest.of(event);
    }

    @Override
    public Uni<Void> apply(SqlClient transaction, DeliveryRequest request, int attempt) {
        return delivery.deliver(transaction, request, attempt);
    }

    @Override
    public Uni<Void> failed(DeliveryRequest request, int attempt, Throwable failure, boolean retrying) {
        return delivery.recordFailure(request, attempt, failure, retrying);
    }

    @Override
    public String describe(CloudEvent envelope, DeliveryRequest request) {
        return request.toString();
    }
}
