-- Sign-in and tokens: the pools' signing keys, refresh-token families, global sign-outs, SRP verifiers
-- and password lockout. Everything here goes with its pool (and its user) through the foreign keys.

-- RSA-2048 signing keys, one active per pool (retired_at IS NULL). The private key is PKCS#8 sealed with
-- crypto/SecretCipher; the public JWK is what /{poolId}/.well-known/jwks.json serves, kept there until
-- the longest token lifetime (plus skew) has passed after retirement.
CREATE TABLE signing_keys (
    user_pool_id TEXT        NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
    kid          TEXT        NOT NULL,
    private_key  BYTEA       NOT NULL,
    public_jwk   JSONB       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    active_from  TIMESTAMPTZ NOT NULL,
    retired_at   TIMESTAMPTZ,
    PRIMARY KEY (user_pool_id, kid)
);
-- At most one active key per pool: concurrent first sign-ins race on this index and all use the winner.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (user_pool_id) WHERE retired_at IS NULL;

-- A refresh-token family (origin_jti of the tokens it issues): revoking it (RevokeToken, reuse of a
-- rotated token, GlobalSignOut) revokes every refresh token and access token issued from it.
CREATE TABLE refresh_token_families (
    family_id    UUID        PRIMARY KEY,
    user_pool_id TEXT        NOT NULL,
    client_id    TEXT        NOT NULL,
    sub          UUID        NOT NULL,
    auth_time    TIMESTAMPTZ NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ,
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE
);
CREATE INDEX refresh_token_families_by_user ON refresh_token_families (user_pool_id, sub);

-- Refresh tokens: only SHA-256 of the opaque value is kept. With rotation, a used token gets
-- replaced_at; presenting it again revokes its family.
CREATE TABLE refresh_tokens (
    token_hash   BYTEA       PRIMARY KEY,
    family_id    UUID        NOT NULL REFERENCES refresh_token_families (family_id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    replaced_at  TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);

-- GlobalSignOut / AdminUserGlobalSignOut: access tokens issued before this instant stop working.
CREATE TABLE user_sign_outs (
    user_pool_id  TEXT        NOT NULL,
    sub           UUID        NOT NULL,
    signed_out_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_pool_id, sub),
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE
);

-- SRP-6a verifiers (USER_SRP_AUTH): v = g^x mod N for the user's current password, sealed with
-- crypto/SecretCipher, with its salt (hex) and the USER_ID_FOR_SRP it was computed for.
CREATE TABLE srp_verifiers (
    user_pool_id    TEXT        NOT NULL,
    sub             UUID        NOT NULL,
    user_id_for_srp TEXT        NOT NULL,
    salt            TEXT        NOT NULL,
    verifier        BYTEA       NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_pool_id, sub),
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE
);

-- Password lockout (DESIGN.md §6), one counter across every password path: after 5 failures the user is
-- locked 2^(n-5) s (at most 15 min); a success, or 15 minutes without failure, resets it.
CREATE TABLE sign_in_failures (
    user_pool_id    TEXT        NOT NULL,
    sub             UUID        NOT NULL,
    failures        INTEGER     NOT NULL,
    last_failure_at TIMESTAMPTZ NOT NULL,
    locked_until    TIMESTAMPTZ,
    PRIMARY KEY (user_pool_id, sub),
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE
);
