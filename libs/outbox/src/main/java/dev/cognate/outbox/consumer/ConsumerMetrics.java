package dev.cognate.outbox.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code cognate_events_consumed_total{channel,outcome}}: what the consumer template did with each record —
 * {@code applied}, {@code duplicate} (applied before, skipped), {@code retried} (an attempt of {@code apply} failed and
 * will run again) or {@code dead_lettered}. Consumer lag itself is the Kafka client's
 * {@code kafka_consumer_fetch_manager_records_lag_max}, which every service already exports. The channel is a fixed
 * name from the service's configuration, so the series stay few.
 */
final class ConsumerMetrics {

    private final Counter applied;
    private final Counter duplicate;
    private final Counter retried;
    private final Counter deadLettered;

    ConsumerMetrics(MeterRegistry registry, String channel) {
        this.applied = counter(registry, channel, "applied");
        this.duplicate = counter(registry, channel, "duplicate");
        this.retried = counter(registry, channel, "retried");
        this.deadLettered = counter(registry, channel, "dead_lettered");
    }

    private static Counter counter(MeterRegistry registry, String channel, String outcome) {
        return Counter.builder("cognate.events.consumed")
                .description("Records handled by the idempotent consumer, by channel and outcome")
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(registry);
    }

    void applied() {
        applied.increment();
    }

    void duplicate() {
        duplicate.increment();
    }

    void retried() {
        retried.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }
}
