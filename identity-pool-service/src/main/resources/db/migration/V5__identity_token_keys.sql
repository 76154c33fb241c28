-- The RSA keys identity OpenID tokens (GetOpenIdToken) are signed with: the private key sealed under the master key
-- (libs/secrets), the public key as the JWK the JWKS publishes. The newest key signs; every key stays published.
CREATE TABLE identity_token_keys (
    kid         TEXT        PRIMARY KEY,
    private_key BYTEA       NOT NULL,
    public_jwk  JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
