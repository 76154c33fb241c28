-- A user's TOTP authenticator (AssociateSoftwareToken / VerifySoftwareToken, RFC 6238). The seeds are sealed under the
-- master key (AES-256-GCM, bound to the pool and the user), never stored in clear. AssociateSoftwareToken writes a new
-- pending seed; a successful VerifySoftwareToken makes it the verified one. last_accepted_step is the RFC 6238 time step of
-- the newest code accepted: a code of that step or an older one is refused, so each code is accepted once only.
CREATE TABLE software_tokens (
    user_pool_id         TEXT        NOT NULL,
    sub                  UUID        NOT NULL,
    pending_seed         BYTEA,
    verified_seed        BYTEA,
    friendly_device_name TEXT,
    last_accepted_step   BIGINT      NOT NULL DEFAULT 0,
    verified_at          TIMESTAMPTZ,
    updated_at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_pool_id, sub),
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE
);
