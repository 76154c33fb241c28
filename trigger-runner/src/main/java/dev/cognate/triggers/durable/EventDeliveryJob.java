package dev.cognate.triggers.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.internalapi.EventDeliveries.Kind;
import dev.cognate.internalapi.TriggerInvocation;
import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.triggers.invoke.WebhookInvoker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Delivers due rows of {@code event_deliveries}, every {@code cognate.event-deliveries.poll-interval}: claims a batch
 * (leased, see {@link EventDeliveryRepository}), POSTs each payload through {@link WebhookInvoker} (signed per Standard
 * Webhooks with the pool's secret, through the egress guard), then records the outcome. A 2xx answer delivers it (a
 * post-event trigger's answer is not used, as in Cognito); a function error, a non-2xx or no answer is tried again
 * after the back-off, and dead-lettered after {@code max-attempts} or {@code max-age}; a target that can never be
 * called (refused by the egress guard, an unmapped Lambda ARN, not a URL) is dead-lettered at once. Runs on a worker
 * thread: the calls block.
 */
@ApplicationScoped
public class EventDeliveryJob {

    private static final Logger LOG = Logger.getLogger(EventDeliveryJob.class);
    private static final Duration DB_WAIT = Duration.ofSeconds(10);
    /** Lease beyond a call's own timeout before another run may take the row again (a crashed attempt). */
    private static final long LEASE_MARGIN_SECONDS = 30;
    /** {@link Outcome#NO_ANSWER} reasons that no retry can change. */
    private static final Set<String> PERMANENT = Set.of("EgressRefused", "LambdaNotSupported", "InvalidTarget", "InvalidInvocation");

    private final Pool db;
    private final EventDeliveryRepository deliveries;
    private final WebhookInvoker invoker;
    private final EventDeliveryConfig config;
    private final Clock clock;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    public EventDeliveryJob(Pool db, EventDeliveryRepository deliveries, WebhookInvoker invoker, EventDeliveryConfig config, Clock clock,
                            ObjectMapper json, MeterRegistry registry) {
        this.json = json;
        this.registry = registry;
        this.db = db;
        this.deliveries = deliveries;
        this.invoker = invoker;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${cognate.event-deliveries.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            List<EventDelivery> due;
            do {
                due = deliveries.claimDue(db, config.batchSize(), clock.instant(), LEASE_MARGIN_SECONDS).await().atMost(DB_WAIT);
                due.forEach(this::deliver);
            } while (due.size() == config.batchSize());
        } catch (RuntimeException e) {
            LOG.warnf("event deliveries: this run stopped early, the next one continues: %s", e.toString());
        }
    }

    /** Hourly: delivered rows older than {@code cognate.event-deliveries.retention} go (their payloads hold user attributes). */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            int purged = deliveries.purgeDelivered(db, clock.instant().minus(config.retention())).await().atMost(DB_WAIT);
            if (purged > 0) {
                LOG.infof("event deliveries: purged %d delivered row(s) older than %s", purged, config.retention());
            }
        } catch (RuntimeException e) {
            LOG.warnf("event deliveries: purge failed, the next run tries again: %s", e.toString());
        }
    }

    /** One attempt at one delivery, and its outcome recorded. */
    void deliver(EventDelivery delivery) {
        // A subscription's payload is a CloudEvent in structured mode, which its HTTP binding types as such.
        String contentType = delivery.kind() == Kind.SUBSCRIPTION ? WebhookInvoker.STRUCTURED_CLOUD_EVENT : WebhookInvoker.TRIGGER_EVENT;
        TriggerInvocation.Result result = invoker.invoke(new TriggerInvocation.Request(delivery.userPoolId(), delivery.name(),
                delivery.target(), delivery.timeoutMillis(), parse(delivery)), contentType);
        int attempt = delivery.attempts() + 1;
        Instant now = clock.instant();
        Outcome outcome = result.outcome();
        if (outcome == Outcome.ANSWERED || outcome == Outcome.INVALID_RESPONSE) {
            // A 2xx: the target has it. What a post-event trigger answers is not used (Cognito ignores it too).
            deliveries.delivered(db, delivery.id(), null).await().atMost(DB_WAIT);
            count(delivery, "delivered");
            LOG.infof("%s delivered (attempt %d)", delivery, attempt);
            return;
        }
        String error = result.errorType() + ": " + result.errorMessage();
        boolean permanent = outcome == Outcome.NO_ANSWER && PERMANENT.contains(result.errorType());
                if (permanent || attempt >= config.maxAttempts() || !now.isBefore(delivery.createdAt().plus(config.maxAge()))) {
            deliveries.deadLetter(db, delivery.id(), error, now).await().atMost(DB_WAIT);
            count(delivery, "dead_lettered");
            LOG.warnf("%s dead-lettered after %d attempt(s): %s", delivery, attempt, result.errorType());
            return;
        }
        Instant next = now.plus(backoff(attempt));
        deliveries.retryAt(db, delivery.id(), error, next).await().atMost(DB_WAIT);
        count(delivery, "retrying");
        LOG.infof("%s failed (attempt %d, %s), next attempt at %s", delivery, attempt, result.errorType(), next);
    }

    /** {@code cognate_event_deliveries_total{kind, outcome}}: every attempt, by what became of it. */
    private void count(EventDelivery delivery, String outcome) {
        Counter.builder("cognate.event.deliveries")
                .description("Attempts of durable deliveries (post-event triggers, event subscriptions) by kind and outcome")
                .tag("kind", delivery.kind().name().toLowerCase(java.util.Locale.ROOT))
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** The wait after attempt {@code attempt}: {@code initial-backoff}, doubling, at most {@code max-backoff}. */
    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff();
        for (int i = 1; i < attempt && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private JsonNode parse(EventDelivery delivery) {
        try {
            return json.readTree(delivery.payload());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored payload is not JSON: " + delivery, e);
        }
    }
}
