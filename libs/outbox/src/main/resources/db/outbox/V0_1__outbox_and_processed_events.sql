-- The transactional outbox and the consumer-side deduplication record (libs/events).
-- Shared by every service through quarkus.flyway.locations=db/migration,db/events.

-- Events written in the same transaction as the state change they describe, relayed to Kafka
-- by OutboxRelay, which marks them sent. Sent rows are purged after a retention period.
CREATE TABLE outbox (
    id          BIGSERIAL   PRIMARY KEY,
    event_id    TEXT        NOT NULL UNIQUE,
    topic       TEXT        NOT NULL,
    message_key TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at     TIMESTAMPTZ
);
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Events a consumer has already applied, keyed by CloudEvent id: written in the same
-- transaction as the consumer's effect, so a redelivered event is applied once.
CREATE TABLE processed_events (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
