package dev.cognate.triggers.rotation;

import dev.cognate.secrets.MasterKeyCipher;
import dev.cognate.secrets.SealedColumnsRotation;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * After a master-key rotation ({@code cognate.master-key} the new key, {@code cognate.master-key-previous} the old),
 * re-seals every stored secret of {@link TriggerRunnerSealedColumns} under the new key, in batches, on every replica at
 * once (rows are claimed with {@code SKIP LOCKED}). Runs 30 s after start (rolling out a rotation restarts every pod)
 * and then every 10 minutes; when nothing is stale a run is one count per column.
 *
 * <p>{@code cognate_master_key_reseal_remaining{column}}: values not yet under the current key. The previous key can
 * be removed once it is 0 for every column (and the codes sealed on {@code cognate.messages} under the old key have been delivered).
 */
@ApplicationScoped
public class MasterKeyResealJob {

    private final SealedColumnsRotation rotation;

    public MasterKeyResealJob(DataSource dataSource, MasterKeyCipher cipher, MeterRegistry registry) {
        this.rotation = new SealedColumnsRotation(dataSource, cipher, TriggerRunnerSealedColumns.ALL);
        rotation.remaining().forEach((column, left) -> Gauge.builder(SealedColumnsRotation.GAUGE, left, AtomicLong::get)
                .description(SealedColumnsRotation.GAUGE_HELP).tag("column", column).register(registry));
    }

    @Scheduled(every = "10m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void resealAll() {
        rotation.resealAll();
    }

    /** Counts what is left without re-sealing anything. */
    public void measure() {
        rotation.measure();
    }
}
