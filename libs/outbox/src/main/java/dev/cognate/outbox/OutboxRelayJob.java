package dev.cognate.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;

/**
 * Runs the {@link OutboxRelay} of the service it is part of, on a scheduler worker thread: pending
 * events go to Kafka within a poll interval of their commit; sent events and remembered consumed
 * event ids are purged after their retention periods. Every service that depends on this library and has the {@code outbox} table
 * (Flyway location {@code db/outbox}, in the shared configuration) gets it; there is nothing to wire.
 */
@ApplicationScoped
public class OutboxRelayJob {

    private final OutboxRelay relay;
    private final OutboxConfig config;
    private final OutboxMetrics metrics;

    public OutboxRelayJob(DataSource dataSource, OutboxConfig config, MeterRegistry registry,
                          @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                          @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.relay = OutboxRelay.create(dataSource, bootstrapServers, applicationName + "-outbox");
        this.config = config;
        this.metrics = new OutboxMetrics(registry);
    }

    @Scheduled(every = "${cognate.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayPending() {
        int published;
        do {
            published = relay.publishPending();
            metrics.published(published);
        } while (published > 0);
    }

    /**
     * A job of its own, not a step of {@link #relayPending}: while Kafka is down a relay run waits for acks (up to the
     * producer's timeouts), and the backlog must keep being measured exactly then.
     */
    @Scheduled(every = "${cognate.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measureBacklog() {
        relay.backlog().ifPresent(metrics::backlog);
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        relay.purgeSent(config.retention());
        relay.purgeProcessed(config.processedRetention());
    }

    @PreDestroy
    void stop() {
        relay.close();
    }
}
