package dev.cognate.identitypool.event;

import dev.cognate.events.outbox.OutboxRelay;
import dev.cognate.identitypool.config.CognateConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs the outbox relay on a worker thread: pending events go to Kafka shortly after their transaction commits. */
@ApplicationScoped
public class OutboxRelayJob {

    private final OutboxRelay relay;
    private final CognateConfig config;

    public OutboxRelayJob(AgroalDataSource dataSource, CognateConfig config,
                          @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                          @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.relay = OutboxRelay.create(dataSource, bootstrapServers, applicationName + "-outbox");
        this.config = config;
    }

    @Scheduled(every = "${cognate.outbox.poll-interval:200ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayPending() {
        int published;
        do {
            published = relay.publishPending();
        } while (published > 0);
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeSent() {
        relay.purgeSent(config.outbox().retention());
    }

    void stop(@Observes ShutdownEvent event) {
        relay.close();
    }
}
