package dev.cognate.triggers.service;

import dev.cognate.outbox.consumer.UnprocessableEventException;
import dev.cognate.triggers.delivery.CustomSenderInvoker;
import dev.cognate.triggers.delivery.MessageSenders;
import dev.cognate.triggers.domain.DeliveryFailedException;
import dev.cognate.triggers.domain.DeliveryRequest;
import dev.cognate.triggers.domain.DeliveryStatus;
import dev.cognate.triggers.repository.DeliveryRepository;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Delivers one request of {@code cognate.messages}, as one attempt of the consumer
 * ({@link dev.cognate.triggers.event.MessagesConsumer}). The attempt runs in the consumer's transaction, the one that
 * records the event as processed (its row lock holds back a concurrent copy of the same event): open the secret, send,
 * record the {@code deliveries} row. A message for the pool's custom sender is not opened: its event goes to the function
 * ({@link CustomSenderInvoker}) with the code encrypted to the operator's key. A failed send rolls the transaction back, so only a delivered message counts as
 * processed and a redelivered one is skipped. (A crash between the send and the commit sends it again: at least once,
 * never zero times.)
 *
 * <p>A secret that does not open and a permanent refusal (SMTP 5xx, gateway 4xx, no SMS gateway) are
 * {@link UnprocessableEventException unprocessable}: dead-lettered at once. A transient failure (SMTP or gateway
 * unreachable, 4xx/5xx that may pass, a timeout) is thrown as is, and the consumer tries again.
 */
@ApplicationScoped
public class MessageDeliveryService {

    private static final Logger LOG = Logger.getLogger(MessageDeliveryService.class);

    private final Pool db;
    private final DeliveryRepository deliveries;
    private final MessageOpener opener;
    private final MessageSenders senders;
    private final CustomSenderInvoker customSenders;
    private final DeliveryMetrics metrics;

    public MessageDeliveryService(Pool db, DeliveryRepository deliveries, MessageOpener opener, MessageSenders senders,
                                  CustomSenderInvoker customSenders, DeliveryMetrics metrics) {
        this.db = db;
        this.deliveries = deliveries;
        this.opener = opener;
        this.senders = senders;
        this.customSenders = customSenders;
        this.metrics = metrics;
    }

    /** Attempt {@code attempt} (1 for the first) to deliver {@code request}, inside {@code transaction}. */
    public Uni<Void> deliver(SqlClient transaction, DeliveryRequest request, int attempt) {
        Timer.Sample started = metrics.start();
        return handOver(request)
                .onFailure(DeliveryFailedException.class).transform(failure -> ((DeliveryFailedException) failure).isTransient()
                        ? failure
                        : new UnprocessableEventException(failure.getMessage(), failure))
                .chain(() -> deliveries.recordDelivered(transaction, request, attempt))
                .invoke(() -> metrics.delivered(request.medium(), started))
                .invoke(() -> LOG.infof("Delivered %s (attempt %d)", request, attempt));
    }

    /** To the pool's custom sender, whose event already holds the encrypted code; else opened and sent by Cognate. */
    private Uni<Void> handOver(DeliveryRequest request) {
        if (request.toCustomSender()) {
            return customSenders.send(request);
        }
        return Uni.createFrom().item(() -> opener.open(request)).chain(message -> senders.send(message));
    }

    /**
     * Keeps the delivery log of a failed attempt: {@code REJECTED} for a request that can never be delivered,
     * {@code RETRYING} while attempts remain, {@code FAILED} after the last one. Never overwrites a delivered row.
     */
    public Uni<Void> recordFailure(DeliveryRequest request, int attempt, Throwable failure, boolean retrying) {
        DeliveryStatus status = failure instanceof UnprocessableEventException ? DeliveryStatus.REJECTED
                : retrying ? DeliveryStatus.RETRYING : DeliveryStatus.FAILED;
        metrics.outcome(request.medium(), status);
        return deliveries.recordFailure(db, request, status, attempt, failure.getMessage());
    }
}
