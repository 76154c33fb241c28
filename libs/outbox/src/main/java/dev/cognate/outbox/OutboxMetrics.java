package dev.cognate.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox as an operator watches it: {@code cognate_outbox_pending} (unsent rows),
 * {@code cognate_outbox_oldest_pending_age_seconds} (how long the oldest unsent row has waited: the lag between a
 * commit and its event on Kafka) and {@code cognate_outbox_published_total} (rows this replica relayed). The gauges
 * show the last measurement, taken once per poll interval, so a scrape never queries the database.
 */
final class OutboxMetrics {

    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final Counter published;

    OutboxMetrics(MeterRegistry registry) {
        Gauge.builder("cognate.outbox.pending", pending, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("cognate.outbox.oldest.pending.age", oldestAgeMillis, age -> age.get() / 1000.0)
                .description("How long the oldest unsent outbox row has waited")
                .baseUnit("seconds")
                .register(registry);
        published = Counter.builder("cognate.outbox.published")
                .description("Outbox rows relayed to Kafka and marked sent by this replica")
                .register(registry);
    }

    void published(int rows) {
        published.increment(rows);
    }

    void backlog(OutboxRelay.Backlog backlog) {
        pending.set(backlog.pending());
        oldestAgeMillis.set(backlog.oldestAge().toMillis());
    }
}
