package dev.cognate.triggers.service;

import dev.cognate.triggers.config.TriggerRunnerConfig;
import dev.cognate.triggers.repository.InvocationLogRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;

/**
 * Keeps the invocation log bounded: every hour, deletes the calls that started longer ago than
 * {@code cognate.triggers.invocation-log.retention} (30 days). Every replica runs it; the deletes are idempotent.
 */
@ApplicationScoped
public class InvocationLogPurgeJob {

    private static final Logger LOG = Logger.getLogger(InvocationLogPurgeJob.class);
    private static final Duration WAIT = Duration.ofMinutes(5);

    private final InvocationLogRepository repository;
    private final Duration retention;
    private final Clock clock;

    public InvocationLogPurgeJob(InvocationLogRepository repository, TriggerRunnerConfig config, Clock clock) {
        this.repository = repository;
        this.retention = config.triggers().invocationLog().retention();
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warnf("the invocation log purge failed (tried again in an hour): %s", e.toString());
        }
    }

    /** Deletes what is past the retention now; returns how many rows. */
    public int purge() {
        int deleted = repository.purgeStartedBefore(clock.instant().minus(retention)).await().atMost(WAIT);
        if (deleted > 0) {
            LOG.infof("deleted %d trigger invocation(s) older than %s", deleted, retention);
        }
        return deleted;
    }
}
