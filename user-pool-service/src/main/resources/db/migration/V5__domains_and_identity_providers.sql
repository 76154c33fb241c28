-- Domains of the hosted login (CreateUserPoolDomain ...). A domain name is unique across every
-- pool (DescribeUserPoolDomain takes only the name); a pool has at most one prefix domain and one
-- custom domain. Both go with their pool.
CREATE TABLE user_pool_domains (
    domain                TEXT        PRIMARY KEY,
    user_pool_id          TEXT        NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
    custom                BOOLEAN     NOT NULL,
    certificate_arn       TEXT,
    managed_login_version INTEGER     NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    last_modified_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (user_pool_id, custom)
);

-- Federated identity providers of a pool (SAML, OIDC, social). ProviderDetails are kept in wire
-- form without their secret members (client_secret, private_key); those are sealed together with
-- AES-256-GCM under the master key (crypto/SecretCipher) in sealed_details. Names are unique per
-- pool; IdpIdentifiers too, which the service checks with the pool row locked.
CREATE TABLE identity_providers (
    user_pool_id      TEXT        NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
    name              TEXT        NOT NULL,
    type              TEXT        NOT NULL,
    details           JSONB       NOT NULL DEFAULT '{}',
    sealed_details    BYTEA,
    attribute_mapping JSONB       NOT NULL DEFAULT '{}',
    idp_identifiers   JSONB       NOT NULL DEFAULT '[]',
    created_at        TIMESTAMPTZ NOT NULL,
    last_modified_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_pool_id, name)
);
