-- The Standard Webhooks signing secret of each user pool's trigger calls: 32 random bytes, sealed under the master
-- key (MasterKeyCipher, context webhook-secret:<pool id>). Created on a pool's first trigger call; rotating replaces it.
CREATE TABLE webhook_secrets (
    user_pool_id  TEXT        PRIMARY KEY,
    sealed_secret BYTEA       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
