-- The invocation log: one row per synchronous trigger call (never the event or the answer). Written after each call,
-- read newest first per pool by the internal API (CognateAdmin.ListTriggerInvocations), deleted after
-- cognate.triggers.invocation-log.retention by the hourly purge.
CREATE TABLE trigger_invocations (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_pool_id TEXT        NOT NULL,
    trigger_name TEXT        NOT NULL,
    target       TEXT        NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    duration_ms  BIGINT      NOT NULL,
    outcome      TEXT        NOT NULL,
    error_type   TEXT,
    attempts     INTEGER     NOT NULL
);

-- Pages of one pool, newest first (keyset on id), optionally of one trigger.
CREATE INDEX trigger_invocations_pool ON trigger_invocations (user_pool_id, id DESC);
-- The purge by age.
CREATE INDEX trigger_invocations_started ON trigger_invocations (started_at);
