-- A user's passkeys (StartWebAuthnRegistration / CompleteWebAuthnRegistration, the WEB_AUTHN first factor). The public key
-- is kept as webauthn4j serialises the attested credential data (AAGUID, credential id, COSE public key), which it reads
-- back to verify assertions. credential_id is the credential's id in base64url, as the browser and
-- ListWebAuthnCredentials show it; one credential belongs to at most one user of a pool. sign_count is the authenticator's
-- signature counter after the last accepted assertion: a non-zero counter must grow, else the assertion is refused (a
-- cloned authenticator). uv_initialized, backup_eligible and backed_up are the credential record's flags of the WebAuthn
-- specification. Passkeys go with their user.
CREATE TABLE webauthn_credentials (
    user_pool_id             TEXT        NOT NULL,
    credential_id            TEXT        NOT NULL,
    sub                      UUID        NOT NULL,
    attested_credential_data BYTEA       NOT NULL,
    sign_count               BIGINT      NOT NULL,
    uv_initialized           BOOLEAN     NOT NULL,
    backup_eligible          BOOLEAN     NOT NULL,
    backed_up                BOOLEAN     NOT NULL,
    transports               TEXT[]      NOT NULL,
    authenticator_attachment TEXT,
    friendly_name            TEXT        NOT NULL,
    relying_party_id         TEXT        NOT NULL,
    created_at               TIMESTAMPTZ NOT NULL,
    last_used_at             TIMESTAMPTZ,
    PRIMARY KEY (user_pool_id, credential_id),
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE
);

CREATE INDEX webauthn_credentials_of_user ON webauthn_credentials (user_pool_id, sub, created_at, credential_id);
