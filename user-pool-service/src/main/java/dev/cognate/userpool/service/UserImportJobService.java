package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Page;
import dev.cognate.awsprotocol.PaginationToken;
import dev.cognate.userpool.domain.UserCsv;
import dev.cognate.userpool.domain.UserImportJob;
import dev.cognate.userpool.repository.UserImportJobRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Cognito's CSV user import jobs: a job is Created with a pre-signed upload URL served by this service, receives
 * its CSV by HTTP PUT, is started (Pending, then InProgress in {@link UserImportJobRunner}) and ends Succeeded,
 * Failed or — after StopUserImportJob (Stopping) — Stopped.
 */
@ApplicationScoped
public class UserImportJobService {

    /** How long a job's pre-signed URL accepts an upload. */
    public static final Duration UPLOAD_VALIDITY = Duration.ofHours(24);
    public static final String STOPPED = "The import job was stopped.";

    /** What an upload to a pre-signed URL came to. */
    public enum Upload {
        STORED, UNKNOWN, CLOSED
    }

    private static final Logger LOG = Logger.getLogger(UserImportJobService.class);

    private final Pool db;
    private final UserPoolRepository pools;
    private final UserImportJobRepository jobs;
    private final UserImportJobRunner runner;
    private final Clock clock;

    public UserImportJobService(Pool db, UserPoolRepository pools, UserImportJobRepository jobs, UserImportJobRunner runner, Clock clock) {
        this.db = db;
        this.pools = pools;
        this.jobs = jobs;
        this.runner = runner;
        this.clock = clock;
    }

    public Uni<List<String>> csvHeader(String poolId) {
        return pools.require(db, poolId).map(pool -> new UserCsv(pool).header());
    }

    public Uni<UserImportJob> createUserImportJob(String poolId, String jobName, String roleArn) {
        Instant now = now();
        UserImportJob job = new UserImportJob(UserImportJob.newJobId(), poolId, jobName, roleArn, UserImportJob.newUploadToken(),
                now.plus(UPLOAD_VALIDITY), false, UserImportJob.Status.Created, 0, 0, 0, null, now, null, null);
        return db.withTransaction(tx -> pools.require(tx, poolId).chain(() -> jobs.insert(tx, job)).replaceWith(job));
    }

    public Uni<UserImportJob> describeUserImportJob(String poolId, String jobId) {
        return pools.require(db, poolId).chain(() -> jobs.find(db, poolId, jobId, false))
                .map(found -> found.orElseThrow(() -> UserImportJob.notFound(jobId)));
    }

    public Uni<Page<UserImportJob>> listUserImportJobs(String poolId, String token, int limit) {
        String after = PaginationToken.decode(token);
        Instant afterCreated = null;
        String afterId = null;
        if (after != null) {
            int separator = after.indexOf(' ');
            try {
                afterCreated = Instant.ofEpochMilli(Long.parseLong(after.substring(0, separator)));
                afterId = after.substring(separator + 1);
            } catch (RuntimeException e) {
                throw CognitoException.invalidParameter("Invalid pagination token.");
            }
        }
        Instant created = afterCreated;
        String id = afterId;
        return pools.require(db, poolId).chain(() -> jobs.page(db, poolId, created, id, limit + 1))
                .map(found -> Page.of(found, limit, job -> job.creationDate().toEpochMilli() + " " + job.jobId()));
    }

    /** Created (with its CSV uploaded) → Pending; the import then runs in the background. */
    public Uni<UserImportJob> startUserImportJob(String poolId, String jobId) {
        return db.withTransaction(tx -> pools.require(tx, poolId).chain(() -> jobs.find(tx, poolId, jobId, true))
                        .map(found -> found.orElseThrow(() -> UserImportJob.notFound(jobId)))
                        .map(job -> {
                            if (job.status() != UserImportJob.Status.Created) {
                                throw precondition("Import job " + jobId + " cannot be started: its status is " + job.status() + ".");
                            }
                            if (!job.uploaded()) {
                                throw precondition("Import job " + jobId + " cannot be started: no CSV file was uploaded to its PreSignedUrl.");
                            }
                            return job.withStatus(UserImportJob.Status.Pending, null, now(), null);
                        })
                        .call(job -> jobs.update(tx, job, false)))
                .invoke(job -> runner.run(job).subscribe().with(
                        done -> { },
                        failure -> LOG.errorf(failure, "user import job %s failed unexpectedly", jobId)));
    }

    /** A running job (Pending, InProgress) → Stopping, then Stopped by the runner; a job never started → Stopped at once. */
    public Uni<UserImportJob> stopUserImportJob(String poolId, String jobId) {
        return db.withTransaction(tx -> pools.require(tx, poolId).chain(() -> jobs.find(tx, poolId, jobId, true))
                .map(found -> found.orElseThrow(() -> UserImportJob.notFound(jobId)))
                .map(job -> switch (job.status()) {
                    case Created -> job.withStatus(UserImportJob.Status.Stopped, STOPPED, job.startDate(), now());
                    case Pending, InProgress -> job.withStatus(UserImportJob.Status.Stopping, null, job.startDate(), null);
                    default -> throw precondition("Import job " + jobId + " cannot be stopped: its status is " + job.status() + ".");
                })
                .call(job -> jobs.update(tx, job, job.ended())));
    }

    /** Stores a CSV PUT to a job's pre-signed URL while the job is Created and the URL valid; a second upload replaces the first. */
    public Uni<Upload> upload(String jobId, String token, byte[] csv) {
        return db.withTransaction(tx -> jobs.findForUpload(tx, jobId).chain(found -> {
            if (found.isEmpty() || !MessageDigest.isEqual(found.get().uploadToken().getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8))) {
                return Uni.createFrom().item(Upload.UNKNOWN);
            }
            UserImportJob job = found.get();
            if (job.status() != UserImportJob.Status.Created || now().isAfter(job.uploadExpiresAt())) {
                return Uni.createFrom().item(Upload.CLOSED);
            }
            return jobs.storeUpload(tx, jobId, csv).replaceWith(Upload.STORED);
        }));
    }

    private static CognitoException precondition(String message) {
        return new CognitoException("PreconditionNotMetException", message);
    }

    /** The injected clock's time, truncated to the milliseconds the rows keep. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
