package dev.cognate.triggers.service;

import dev.cognate.events.outbox.ProcessedEvents;
import dev.cognate.triggers.config.TriggerRunnerConfig;
import dev.cognate.triggers.delivery.MessageSenders;
import dev.cognate.triggers.domain.DeadLetterException;
import dev.cognate.triggers.domain.DeliveryFailedException;
import dev.cognate.triggers.domain.DeliveryRequest;
import dev.cognate.triggers.domain.DeliveryStatus;
import dev.cognate.triggers.domain.MalformedEventException;
import dev.cognate.triggers.domain.OutgoingMessage;
import dev.cognate.triggers.repository.DeliveryRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Delivers each request of {@code cognate.messages} once in effect. An attempt runs in one transaction:
 * {@link ProcessedEvents#firstDelivery} (its row lock holds back a concurrent copy of the same event), the send,
 * then the {@code deliveries} row; a failed send rolls the transaction back, so only a delivered message counts as
 * processed and a redelivered one is skipped. (A crash between the send and the commit sends it again: at least
 * once, never zero times.)
 *
 * <p>Transient failures are tried again after a back-off that doubles from {@code initial-backoff} up to
 * {@code max-backoff}, at most {@code max-attempts} times; then, as for a secret that does not open or a
 * permanent failure, the request ends in a {@link DeadLetterException}. Failures of PostgreSQL itself are left to
 * the caller, which retries them without limit.
 */
@ApplicationScoped
public class MessageDeliveryService {

    private static final Logger LOG = Logger.getLogger(MessageDeliveryService.class);

    /** Whether this call handed the message over, or found it handed over before. */
    public enum Outcome {
        DELIVERED, ALREADY_DELIVERED
    }

    private final Pool db;
    private final DeliveryRepository deliveries;
    private final MessageOpener opener;
    private final MessageSenders senders;
    private final String consumer;
    private final TriggerRunnerConfig.Delivery config;

    public MessageDeliveryService(Pool db, DeliveryRepository deliveries, MessageOpener opener, MessageSenders senders,
                                  TriggerRunnerConfig config) {
        this.db = db;
        this.deliveries = deliveries;
        this.opener = opener;
        this.senders = senders;
        this.consumer = config.consumer().name();
        this.config = config.delivery();
    }

    public Uni<Outcome> deliver(DeliveryRequest request) {
        return Uni.createFrom().item(() -> opener.open(request))
                .onFailure(MalformedEventException.class).recoverWithUni(failure ->
                        reject(request, 0, failure.getMessage(), failure))
                .chain(message -> attempt(request, message, 1));
    }

    private Uni<Outcome> attempt(DeliveryRequest request, OutgoingMessage message, int attempt) {
        return sendOnce(request, message, attempt)
                .invoke(outcome -> {
                    if (outcome == Outcome.DELIVERED) {
                        LOG.infof("Delivered %s (attempt %d)", request, attempt);
                    } else {
                        LOG.debugf("Skipped %s, delivered before", request);
                    }
                })
                .onFailure(DeliveryFailedException.class).recoverWithUni(failure -> {
                    DeliveryFailedException delivery = (DeliveryFailedException) failure;
                    if (!delivery.isTransient()) {
                        return reject(request, attempt, delivery.getMessage(), delivery);
                    }
                    if (attempt >= config.maxAttempts()) {
                        String reason = "still failing after " + attempt + " attempts: " + delivery.getMessage();
                        LOG.errorf("Dead-lettering %s, %s", request, reason);
                        return deliveries.recordFailure(db, request, DeliveryStatus.FAILED, attempt, delivery.getMessage())
                                .chain(() -> Uni.createFrom().failure(new DeadLetterException(reason, attempt, delivery)));
                    }
                    Duration wait = backoff(attempt);
                    LOG.warnf("Attempt %d of %d to deliver %s failed, next in %d ms: %s", attempt, config.maxAttempts(),
                            request, wait.toMillis(), delivery.getMessage());
                    return deliveries.recordFailure(db, request, DeliveryStatus.RETRYING, attempt, delivery.getMessage())
                            .onItem().delayIt().by(wait)
                            .chain(() -> attempt(request, message, attempt + 1));
                });
    }

    private Uni<Outcome> sendOnce(DeliveryRequest request, OutgoingMessage message, int attempt) {
        return db.withTransaction(tx -> ProcessedEvents.firstDelivery(tx, consumer, request.eventId())
                .chain(first -> first
                        ? senders.send(message)
                                .chain(() -> deliveries.recordDelivered(tx, request, attempt))
                                .replaceWith(Outcome.DELIVERED)
                        : Uni.createFrom().item(Outcome.ALREADY_DELIVERED)));
    }

    private <T> Uni<T> reject(DeliveryRequest request, int attempts, String reason, Throwable cause) {
        LOG.errorf("Dead-lettering %s: %s", request, reason);
        return deliveries.recordFailure(db, request, DeliveryStatus.REJECTED, attempts, reason)
                .chain(() -> Uni.createFrom().failure(new DeadLetterException(reason, attempts, cause)));
    }

    /** After attempt {@code n}: initial × 2^(n-1), at most the maximum. */
    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff();
        for (int i = 1; i < attempt && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }
}
