-- Federated identities linked to an existing user (AdminLinkProviderForUser): a later sign-in through provider_name whose
-- attribute_name (Cognito_Subject: the provider's subject; for SAML any assertion attribute) has attribute_value signs in
-- as the destination user instead of creating the federated user {provider}_{subject}. AdminDisableProviderForUser deletes
-- the row. A link goes with its destination user and with its provider.
CREATE TABLE federated_identity_links (
    user_pool_id     TEXT        NOT NULL,
    provider_name    TEXT        NOT NULL,
    attribute_name   TEXT        NOT NULL,
    attribute_value  TEXT        NOT NULL,
    sub              UUID        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_pool_id, provider_name, attribute_name, attribute_value),
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE,
    FOREIGN KEY (user_pool_id, provider_name) REFERENCES identity_providers (user_pool_id, name) ON DELETE CASCADE
);
-- at most five links per user (Cognito's limit), counted per destination
CREATE INDEX federated_identity_links_by_user ON federated_identity_links (user_pool_id, sub);
