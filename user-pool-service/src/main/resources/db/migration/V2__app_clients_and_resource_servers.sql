-- Resource servers (custom OAuth scopes) and app clients of a pool. Both go with their pool
-- (ON DELETE CASCADE). As for pools, a client's configuration is kept in its Cognito wire form
-- (settings), so DescribeUserPoolClient returns what was stored; columns hold what queries use.

CREATE TABLE resource_servers (
    user_pool_id TEXT  NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
    identifier   TEXT  NOT NULL,
    name         TEXT  NOT NULL,
    scopes       JSONB NOT NULL DEFAULT '[]',
    PRIMARY KEY (user_pool_id, identifier)
);

CREATE TABLE app_clients (
    id               TEXT        PRIMARY KEY,
    user_pool_id     TEXT        NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
    name             TEXT        NOT NULL,
    settings         JSONB       NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    last_modified_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX app_clients_by_pool ON app_clients (user_pool_id, id);

-- Client secrets, at most two per client (rotation), encrypted with AES-256-GCM under the
-- master key (crypto/SecretCipher); the clear value is never stored.
CREATE TABLE app_client_secrets (
    id         TEXT        PRIMARY KEY,
    client_id  TEXT        NOT NULL REFERENCES app_clients (id) ON DELETE CASCADE,
    ciphertext BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX app_client_secrets_by_client ON app_client_secrets (client_id, created_at);
