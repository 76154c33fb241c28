-- Beyond Cognito: a pool's trigger settings (CognateAdmin.SetTriggerSettings). post_event_triggers: DURABLE (the
-- default: PostConfirmation and PostAuthentication run in trigger-runner from the outbox, retried, dead-lettered) or
-- SYNCHRONOUS (as Cognito: the call waits for the function and fails with it). timeout_seconds bounds every synchronous
-- trigger call of the pool. A pool without a row has the defaults (DURABLE, cognate.triggers.timeout).
CREATE TABLE trigger_settings (
    user_pool_id        TEXT        PRIMARY KEY REFERENCES user_pools (id) ON DELETE CASCADE,
    post_event_triggers TEXT        NOT NULL CHECK (post_event_triggers IN ('DURABLE', 'SYNCHRONOUS')),
    timeout_seconds     INTEGER     NOT NULL CHECK (timeout_seconds BETWEEN 1 AND 30),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
