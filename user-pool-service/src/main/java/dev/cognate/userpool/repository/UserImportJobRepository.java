package dev.cognate.userpool.repository;

import dev.cognate.userpool.domain.UserImportJob;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Queries of {@code user_import_jobs}; the uploaded CSV is read and written apart from the job's other columns. */
@ApplicationScoped
public class UserImportJobRepository {

    private static final String COLUMNS = "id, user_pool_id, name, cloudwatch_logs_role_arn, upload_token, upload_expires_at,"
            + " csv IS NOT NULL AS uploaded, status, imported_users, skipped_users, failed_users, completion_message, created_at,"
            + " started_at, completed_at";

    public Uni<Void> insert(SqlClient sql, UserImportJob job) {
        return sql.preparedQuery("INSERT INTO user_import_jobs (id, user_pool_id, name, cloudwatch_logs_role_arn, upload_token,"
                        + " upload_expires_at, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(new Object[] {job.jobId(), job.userPoolId(), job.jobName(), job.cloudWatchLogsRoleArn(), job.uploadToken(),
                        utc(job.uploadExpiresAt()), job.status().name(), utc(job.creationDate())}))
                .replaceWithVoid();
    }

    public Uni<Optional<UserImportJob>> find(SqlClient sql, String userPoolId, String jobId, boolean lock) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM user_import_jobs WHERE id = $1 AND user_pool_id = $2" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(jobId, userPoolId)).map(UserImportJobRepository::first);
    }

    /** The job by id alone (the upload URL names no pool), locked for the rest of the transaction. */
    public Uni<Optional<UserImportJob>> findForUpload(SqlClient sql, String jobId) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM user_import_jobs WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(jobId)).map(UserImportJobRepository::first);
    }

    public Uni<Void> storeUpload(SqlClient sql, String jobId, byte[] csv) {
        return sql.preparedQuery("UPDATE user_import_jobs SET csv = $2 WHERE id = $1")
                .execute(Tuple.of(jobId, Buffer.buffer(csv))).replaceWithVoid();
    }

    public Uni<byte[]> csv(SqlClient sql, String jobId) {
        return sql.preparedQuery("SELECT csv FROM user_import_jobs WHERE id = $1").execute(Tuple.of(jobId))
                .map(rows -> {
                    var csv = rows.size() == 0 ? null : rows.iterator().next().getBuffer(0);
                    return csv == null ? new byte[0] : csv.getBytes();
                });
    }

    /** Saves the job's status, counters, message and dates; a job that has ended drops its CSV. */
    public Uni<Void> update(SqlClient sql, UserImportJob job, boolean ended) {
        return sql.preparedQuery("UPDATE user_import_jobs SET status = $2, imported_users = $3, skipped_users = $4, failed_users = $5,"
                        + " completion_message = $6, started_at = $7, completed_at = $8" + (ended ? ", csv = NULL" : "") + " WHERE id = $1")
                .execute(Tuple.from(new Object[] {job.jobId(), job.status().name(), job.importedUsers(), job.skippedUsers(), job.failedUsers(),
                        job.completionMessage(), utc(job.startDate()), utc(job.completionDate())}))
                .replaceWithVoid();
    }

    /** Saves a running job's counters only, and answers its status now: a StopUserImportJob shows as Stopping; empty once the pool is gone. */
    public Uni<Optional<UserImportJob.Status>> saveProgress(SqlClient sql, String jobId, long imported, long skipped, long failed) {
        return sql.preparedQuery("UPDATE user_import_jobs SET imported_users = $2, skipped_users = $3, failed_users = $4 WHERE id = $1"
                        + " RETURNING status")
                .execute(Tuple.of(jobId, imported, skipped, failed))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(UserImportJob.Status.valueOf(rows.iterator().next().getString(0))));
    }

    /** One page of a pool's jobs in creation order after {@code (afterCreated, afterId)} when given. */
    public Uni<List<UserImportJob>> page(SqlClient sql, String userPoolId, Instant afterCreated, String afterId, int limit) {
        return (afterCreated == null
                ? sql.preparedQuery("SELECT " + COLUMNS + " FROM user_import_jobs WHERE user_pool_id = $1 ORDER BY created_at, id LIMIT $2")
                        .execute(Tuple.of(userPoolId, limit))
                : sql.preparedQuery("SELECT " + COLUMNS + " FROM user_import_jobs WHERE user_pool_id = $1 AND (created_at, id) > ($2, $3)"
                        + " ORDER BY created_at, id LIMIT $4").execute(Tuple.of(userPoolId, utc(afterCreated), afterId, limit)))
                .map(rows -> {
                    List<UserImportJob> jobs = new ArrayList<>();
                    rows.forEach(row -> jobs.add(toJob(row)));
                    return jobs;
                });
    }

    private static Optional<UserImportJob> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toJob(rows.iterator().next()));
    }

    private static UserImportJob toJob(Row row) {
        return new UserImportJob(row.getString("id"), row.getString("user_pool_id"), row.getString("name"),
                row.getString("cloudwatch_logs_role_arn"), row.getString("upload_token"), instant(row.getOffsetDateTime("upload_expires_at")),
                row.getBoolean("uploaded"), UserImportJob.Status.valueOf(row.getString("status")), row.getLong("imported_users"),
                row.getLong("skipped_users"), row.getLong("failed_users"), row.getString("completion_message"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("started_at")),
                instant(row.getOffsetDateTime("completed_at")));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
