package dev.cognate.triggers.durable;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How durable deliveries (post-event triggers, event subscriptions) are retried, prefix {@code cognate.event-deliveries}.
 * A failing delivery waits {@code initial-backoff}, doubling up to {@code max-backoff}, and is dead-lettered after
 * {@code max-attempts} attempts or once older than {@code max-age}, whichever comes first.
 */
@ConfigMapping(prefix = "cognate.event-deliveries")
public interface EventDeliveryConfig {

    @WithDefault("10")
    int maxAttempts();

    @WithDefault("5s")
    Duration initialBackoff();

    @WithDefault("10m")
    Duration maxBackoff();

    /** Past this age (since the event arrived) a failing delivery is dead-lettered even with attempts left. */
    @WithDefault("24h")
    Duration maxAge();

    /** How often the job looks for due deliveries ({@code cognate.event-deliveries.poll-interval}, read by its schedule). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Deliveries claimed per run. */
    @WithDefault("20")
    int batchSize();

    /**
     * How long a delivered row is kept (it holds the payload: a trigger event's user attributes); purged hourly after.
     * Dead letters are kept until replayed.
     */
    @WithDefault("7d")
    Duration retention();

    /** How long an event subscription's endpoint may take to answer. */
    @WithDefault("5s")
    Duration subscriptionTimeout();
}
