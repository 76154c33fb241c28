-- Authentication events (AdminListUserAuthEvents): one row per sign-in success or refusal, sign-out,
-- token revocation and password change of a known user, written in the transaction of its outbox event.
-- Beyond Cognito, kept for every pool (no threat-protection add-on needed); purged after
-- cognate.auth-events.retention (default 90 days). Never a password or token.
CREATE TABLE auth_events (
    event_id           UUID        PRIMARY KEY,
    user_pool_id       TEXT        NOT NULL,
    sub                UUID        NOT NULL,
    event_type         TEXT        NOT NULL,
    event_response     TEXT        NOT NULL,
    challenge_response TEXT,
    reason             TEXT,
    client_id          TEXT,
    auth_flow          TEXT,
    ip_address         TEXT,
    created_at         TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE
);
-- A user's events newest first (the keyset of AdminListUserAuthEvents' NextToken).
CREATE INDEX auth_events_by_user ON auth_events (user_pool_id, sub, created_at DESC, event_id DESC);
-- The hourly purge.
CREATE INDEX auth_events_by_age ON auth_events (created_at);
