-- The delivery log of cognate.messages: one row per delivery request (CloudEvent id). Written with
-- processed_events (db/events) in the transaction that hands the message over, so a redelivered request is never
-- sent twice; failed attempts update the row on their own. Never the text, the secret or the full destination.
CREATE TABLE deliveries (
    event_id           TEXT        PRIMARY KEY,
    type               TEXT        NOT NULL,
    user_pool_id       TEXT        NOT NULL,
    purpose            TEXT        NOT NULL,
    medium             TEXT        NOT NULL CHECK (medium IN ('EMAIL', 'SMS')),
    masked_destination TEXT        NOT NULL,
    status             TEXT        NOT NULL CHECK (status IN ('DELIVERED', 'RETRYING', 'FAILED', 'REJECTED')),
    attempts           INTEGER     NOT NULL,
    last_error         TEXT,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX deliveries_by_pool_and_time ON deliveries (user_pool_id, created_at);
