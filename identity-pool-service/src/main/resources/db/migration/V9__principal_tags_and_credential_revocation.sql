-- Principal tag attribute maps (SetPrincipalTagAttributeMap): per identity pool and identity provider, whether Cognito's
-- default mappings apply (UseDefaults) and the custom map (principal tag key -> claim name) in its wire form.
CREATE TABLE principal_tag_attribute_maps (
    identity_pool_id       TEXT    COLLATE "C" NOT NULL REFERENCES identity_pools (id) ON DELETE CASCADE,
    identity_provider_name TEXT    NOT NULL,
    use_defaults           BOOLEAN NOT NULL,
    principal_tags         JSONB   NOT NULL,
    PRIMARY KEY (identity_pool_id, identity_provider_name)
);

-- Revocation of vended credentials: credentials of the identity issued at or before this instant are refused by STS
-- (GetCallerIdentity reads it with the identity row, by primary key). NULL: nothing revoked.
ALTER TABLE identities ADD COLUMN credentials_revoked_before TIMESTAMPTZ;
