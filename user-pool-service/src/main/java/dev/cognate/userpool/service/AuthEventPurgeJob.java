package dev.cognate.userpool.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Every hour, the authentication events older than {@code cognate.auth-events.retention} are deleted. */
@ApplicationScoped
public class AuthEventPurgeJob {

    private static final Logger LOG = Logger.getLogger(AuthEventPurgeJob.class);

    private final AuthEventService events;

    public AuthEventPurgeJob(AuthEventService events) {
        this.events = events;
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return events.purgeExpired()
                .invoke(deleted -> LOG.debugf("purged %d authentication events", deleted))
                .replaceWithVoid();
    }
}
