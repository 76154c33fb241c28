-- Identities of an identity pool (GetId) and the provider logins linked to them. An identity id is
-- '<region>:<uuid>', as Cognito's. A login (provider name, subject) belongs to at most one identity of a
-- pool: the primary key makes GetId stable per (pool, provider, sub) even under concurrent calls.
CREATE TABLE identities (
    id               TEXT        COLLATE "C" PRIMARY KEY,
    identity_pool_id TEXT        COLLATE "C" NOT NULL REFERENCES identity_pools (id) ON DELETE CASCADE,
    disabled         BOOLEAN     NOT NULL DEFAULT false,
    created_at       TIMESTAMPTZ NOT NULL,
    last_modified_at TIMESTAMPTZ NOT NULL
);
-- ListIdentities pages a pool's identities in id order.
CREATE INDEX identities_pool_id ON identities (identity_pool_id, id);

CREATE TABLE identity_logins (
    identity_pool_id TEXT        COLLATE "C" NOT NULL REFERENCES identity_pools (id) ON DELETE CASCADE,
    provider_name    TEXT        NOT NULL,
    subject          TEXT        NOT NULL,
    identity_id      TEXT        COLLATE "C" NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    linked_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (identity_pool_id, provider_name, subject)
);
CREATE INDEX identity_logins_identity ON identity_logins (identity_id);
