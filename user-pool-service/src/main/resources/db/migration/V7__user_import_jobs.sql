-- Cognito's CSV user import jobs (CreateUserImportJob ... StopUserImportJob). A job goes with its pool. The CSV is
-- uploaded with an HTTP PUT to the job's pre-signed URL ({cognate.import.public-base-url}/import-jobs/{id}/{token}),
-- kept in csv until the job ends, then dropped; the counters and the completion message stay.
CREATE TABLE user_import_jobs (
    id                       TEXT        PRIMARY KEY,
    user_pool_id             TEXT        NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
    name                     TEXT        NOT NULL,
    cloudwatch_logs_role_arn TEXT        NOT NULL,
    -- the random part of the pre-signed URL: an upload capability that works while the job is Created and not expired
    upload_token             TEXT        NOT NULL,
    upload_expires_at        TIMESTAMPTZ NOT NULL,
    csv                      BYTEA,
    status                   TEXT        NOT NULL,
    imported_users           BIGINT      NOT NULL DEFAULT 0,
    skipped_users            BIGINT      NOT NULL DEFAULT 0,
    failed_users             BIGINT      NOT NULL DEFAULT 0,
    completion_message       TEXT,
    created_at               TIMESTAMPTZ NOT NULL,
    started_at               TIMESTAMPTZ,
    completed_at             TIMESTAMPTZ
);
CREATE INDEX user_import_jobs_by_pool ON user_import_jobs (user_pool_id, created_at, id);
