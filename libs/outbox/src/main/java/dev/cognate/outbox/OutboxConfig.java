package dev.cognate.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Outbox relay settings of a producing service, prefix {@code cognate.outbox}. */
@ConfigMapping(prefix = "cognate.outbox")
public interface OutboxConfig {

    /** How often the relay looks for unsent events (the Quarkus scheduler's granularity is one second). */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long sent events stay in the outbox table before they are purged. */
    @WithDefault("P7D")
    Duration retention();

    /**
     * How long a consumer remembers the event ids it applied ({@code processed_events}). Keep it longer than the
     * topics' retention (Kafka's default is 7 days): a redelivered event older than this would be applied again.
     */
    @WithDefault("P30D")
    Duration processedRetention();
}
