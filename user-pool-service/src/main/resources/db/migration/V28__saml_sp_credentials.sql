-- The pool's own SAML 2.0 service provider credentials (federation/saml), made on first use: an RSA-2048 key and a
-- self-signed certificate that sign AuthnRequests and LogoutRequests (GetSigningCertificate answers it), and another
-- pair SAML providers with EncryptedResponses encrypt assertions to. The private keys are PKCS#8 sealed with
-- crypto/SecretCipher (re-sealed by rotation/ after a master-key rotation); the certificates are DER.
CREATE TABLE saml_sp_credentials (
    user_pool_id           TEXT        PRIMARY KEY REFERENCES user_pools (id) ON DELETE CASCADE,
    signing_certificate    BYTEA       NOT NULL,
    signing_key            BYTEA       NOT NULL,
    encryption_certificate BYTEA       NOT NULL,
    encryption_key         BYTEA       NOT NULL,
    created_at             TIMESTAMPTZ NOT NULL
);
