-- Event subscriptions (beyond Cognito): a pool's endpoints that receive its user pool events as CloudEvents, signed per
-- Standard Webhooks with the pool's secret. event_types holds user pool event types or '*'.
CREATE TABLE event_subscriptions (
    id           TEXT        PRIMARY KEY,
    user_pool_id TEXT        NOT NULL,
    endpoint     TEXT        NOT NULL,
    event_types  TEXT[]      NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX event_subscriptions_by_pool ON event_subscriptions (user_pool_id, created_at);

-- Durable deliveries from cognate.userpool.events: post-event trigger calls (PostConfirmation, PostAuthentication) and
-- event subscription deliveries. Written in the consumer's transaction with processed_events, so an event delivered
-- twice by Kafka gives one row; the delivery job (service/EventDeliveryJob) claims due PENDING rows, calls the target,
-- and marks them DELIVERED, or PENDING again with a later next_attempt_at, or DEAD past the bound (replayable).
-- payload is what the target receives, the JSON text as received (TEXT, not JSONB, which would reorder its members):
-- Cognito's trigger event, or the CloudEvent (structured JSON).
CREATE TABLE event_deliveries (
    id               TEXT        PRIMARY KEY,
    event_id         TEXT        NOT NULL,
    user_pool_id     TEXT        NOT NULL,
    kind             TEXT        NOT NULL CHECK (kind IN ('TRIGGER', 'SUBSCRIPTION')),
    name             TEXT        NOT NULL,
    subscription_id  TEXT,
    target           TEXT        NOT NULL,
    timeout_millis   BIGINT      NOT NULL,
    payload          TEXT        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts         INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    dead_lettered_at TIMESTAMPTZ
);

CREATE UNIQUE INDEX event_deliveries_once ON event_deliveries (event_id, kind, COALESCE(subscription_id, ''));
CREATE INDEX event_deliveries_due ON event_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX event_deliveries_dead ON event_deliveries (user_pool_id, id) WHERE status = 'DEAD';
