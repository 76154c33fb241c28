-- SetIdentityPoolRoles: the pool's authenticated/unauthenticated roles and its role mappings per
-- provider, in their Cognito wire form (as identity_pools.configuration). No row: no roles set.
CREATE TABLE identity_pool_roles (
    identity_pool_id TEXT  COLLATE "C" PRIMARY KEY REFERENCES identity_pools (id) ON DELETE CASCADE,
    roles            JSONB NOT NULL,
    role_mappings    JSONB NOT NULL
);
