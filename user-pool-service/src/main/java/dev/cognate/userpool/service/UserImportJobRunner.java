package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.CsvReader;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserCsv;
import dev.cognate.userpool.domain.UserImportJob;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.repository.UserImportJobRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a started CSV import job: the header is checked, then each row becomes a user in {@code RESET_REQUIRED}
 * in its own transaction (through the user write path, {@link UserCreation}, with its {@code user.created} event), as Cognito imports row by
 * row: an existing username is skipped, a bad row fails alone (its line and reason are logged, as Cognito writes them
 * to CloudWatch). Counters are saved after each batch, when a StopUserImportJob is noticed.
 */
@ApplicationScoped
public class UserImportJobRunner {

    static final int BATCH = 50;
    static final String SUCCEEDED = "Import Job Completed Successfully.";
    static final String TOO_MANY_FAILED = "Too many users have failed or been skipped during the import.";

    private static final Logger LOG = Logger.getLogger(UserImportJobRunner.class);

    private enum Outcome { IMPORTED, SKIPPED, FAILED }

    /** A running import: the rows still to read and what the rows read so far came to. */
    private static final class Progress {
        final CsvReader reader;
        final List<String> header;
        final UserCsv csv;
        final UserPool pool;
        long imported;
        long skipped;
        long failed;
        boolean stopped;

        Progress(CsvReader reader, List<String> header, UserCsv csv, UserPool pool) {
            this.reader = reader;
            this.header = header;
            this.csv = csv;
            this.pool = pool;
        }
    }

    private final Pool db;
    private final UserPoolRepository pools;
    private final UserImportJobRepository jobs;
    private final UserCreation creation;
    private final Clock clock;

    public UserImportJobRunner(Pool db, UserPoolRepository pools, UserImportJobRepository jobs, UserCreation creation, Clock clock) {
        this.db = db;
        this.pools = pools;
        this.jobs = jobs;
        this.creation = creation;
        this.clock = clock;
    }

    /** Imports the job's CSV; the returned Uni ends when the job has ended (Succeeded, Failed or Stopped). */
    public Uni<Void> run(UserImportJob started) {
        String jobId = started.jobId();
        return transition(started, job -> job.status() == UserImportJob.Status.Stopping
                        ? job.withStatus(UserImportJob.Status.Stopped, UserImportJobService.STOPPED, job.startDate(), now())
                        : job.withStatus(UserImportJob.Status.InProgress, null, job.startDate(), null))
                .chain(job -> job.isEmpty() || job.get().ended() ? Uni.createFrom().voidItem()
                        : pools.find(db, started.userPoolId()).chain(pool -> pool.isEmpty() ? Uni.createFrom().voidItem()
                                : jobs.csv(db, jobId).chain(bytes -> importRows(started, pool.get(), new String(bytes, StandardCharsets.UTF_8)))))
                .onFailure().call(failure -> {
                    LOG.errorf(failure, "user import job %s failed unexpectedly", jobId);
                    return transition(started, job -> job.withStatus(UserImportJob.Status.Failed,
                            "The import job failed: an internal error occurred.", job.startDate(), now()))
                            .onFailure().recoverWithNull();
                })
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> importRows(UserImportJob job, UserPool pool, String text) {
        CsvReader reader;
        List<String> header;
        UserCsv csv = new UserCsv(pool);
        try {
            reader = new CsvReader(text);
            if (!reader.hasNext()) {
                throw new IllegalArgumentException("the CSV file is empty");
            }
            header = reader.next().fields();
            csv.checkHeader(header);
        } catch (IllegalArgumentException e) {
            LOG.infof("user import job %s: %s", job.jobId(), e.getMessage());
            return finish(job.jobId(), UserImportJob.Status.Failed, "The CSV file is not valid: " + e.getMessage() + ".", 0, 0, 0);
        }
        Progress progress = new Progress(reader, header, csv, pool);
        return Multi.createBy().repeating().uni(() -> batch(job.jobId(), progress))
                .whilst(more -> more)
                .collect().last()
                .chain(() -> progress.stopped
                        ? finish(job.jobId(), UserImportJob.Status.Stopped, UserImportJobService.STOPPED, progress.imported, progress.skipped, progress.failed)
                        : progress.imported == 0 && (progress.failed + progress.skipped) > 0
                        ? finish(job.jobId(), UserImportJob.Status.Failed, TOO_MANY_FAILED, progress.imported, progress.skipped, progress.failed)
                        : finish(job.jobId(), UserImportJob.Status.Succeeded, SUCCEEDED, progress.imported, progress.skipped, progress.failed));
    }

    /** Imports up to {@link #BATCH} rows, saves the counters; {@code true} while rows remain and no stop was asked for. */
    private Uni<Boolean> batch(String jobId, Progress progress) {
        List<CsvReader.Record> rows = new ArrayList<>();
        try {
            while (rows.size() < BATCH && progress.reader.hasNext()) {
                rows.add(progress.reader.next());
            }
        } catch (IllegalArgumentException e) {
            LOG.infof("user import job %s: %s; the rest of the file is not read", jobId, e.getMessage());
            progress.failed++;
        }
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> importRow(jobId, progress, row))
                .onItem().invoke(outcome -> {
                    switch (outcome) {
                        case IMPORTED -> progress.imported++;
                        case SKIPPED -> progress.skipped++;
                        default -> progress.failed++;
                    }
                })
                .collect().asList()
                .chain(() -> jobs.saveProgress(db, jobId, progress.imported, progress.skipped, progress.failed))
                .map(status -> {
                    progress.stopped = status.isEmpty() || status.get() == UserImportJob.Status.Stopping;
                    return !progress.stopped && progress.reader.hasNext();
                });
    }

    private Uni<Outcome> importRow(String jobId, Progress progress, CsvReader.Record row) {
        User user;
        try {
            user = progress.csv.user(progress.header, row.fields(), now());
        } catch (CognitoException e) {
            LOG.infof("user import job %s: line %d failed: %s", jobId, row.line(), e.getMessage());
            return Uni.createFrom().item(Outcome.FAILED);
        }
        return db.withTransaction(tx -> creation.create(tx, progress.pool, user, null, UserCreation.Source.CSV_IMPORT, false))
                .replaceWith(Outcome.IMPORTED)
                .onFailure(CognitoException.class).recoverWithItem(failure -> {
                    boolean exists = "UsernameExistsException".equals(((CognitoException) failure).type());
                    LOG.infof("user import job %s: line %d %s: %s", jobId, row.line(), exists ? "skipped" : "failed", failure.getMessage());
                    return exists ? Outcome.SKIPPED : Outcome.FAILED;
                });
    }

    private Uni<Void> finish(String jobId, UserImportJob.Status status, String message, long imported, long skipped, long failed) {
        return db.withTransaction(tx -> jobs.findForUpload(tx, jobId).chain(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                : jobs.update(tx, found.get().withCounts(imported, skipped, failed)
                        .withStatus(found.get().status() == UserImportJob.Status.Stopping ? UserImportJob.Status.Stopped : status,
                                found.get().status() == UserImportJob.Status.Stopping ? UserImportJobService.STOPPED : message,
                                found.get().startDate(), now()), true)));
    }

    /** Applies {@code change} to the job as it is now (locked), unless it has ended; answers the job saved. */
    private Uni<Optional<UserImportJob>> transition(UserImportJob job, java.util.function.UnaryOperator<UserImportJob> change) {
        return db.withTransaction(tx -> jobs.find(tx, job.userPoolId(), job.jobId(), true).chain(found -> {
            if (found.isEmpty() || found.get().ended()) {
                return Uni.createFrom().item(found);
            }
            UserImportJob changed = change.apply(found.get());
            return jobs.update(tx, changed, changed.ended()).replaceWith(Optional.of(changed));
        }));
    }

    /** The injected clock's time, truncated to the milliseconds the rows keep. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
