-- Events from cognate.userpool.events that trigger-runner has applied, one row per CloudEvent id. The
-- consumer writes it in the same transaction as processed_events (db/events), so a redelivered event adds no
-- second row. Asynchronous triggers (PostConfirmation, PostAuthentication, ...) build on this consumer.
CREATE TABLE observed_user_pool_events (
    event_id     TEXT        PRIMARY KEY,
    type         TEXT        NOT NULL,
    user_pool_id TEXT        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
