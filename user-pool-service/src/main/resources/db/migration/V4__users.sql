-- Users of a pool. The attributes (all but sub) are kept as a JSON object of strings, their wire form;
-- what lookups need is in columns or in the two tables below, each written in the same transaction as
-- the user row.
CREATE TABLE users (
    user_pool_id          TEXT        NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
    sub                   UUID        NOT NULL,
    username              TEXT        NOT NULL,
    -- the username as compared: lower-cased in pools whose usernames are case-insensitive
    username_key          TEXT        NOT NULL,
    status                TEXT        NOT NULL,
    enabled               BOOLEAN     NOT NULL,
    attributes            JSONB       NOT NULL,
    -- Argon2id in PHC string form; NULL for users without a password (federated, imported without hash)
    password_hash         TEXT,
    password_changed_at   TIMESTAMPTZ,
    -- when a temporary password (FORCE_CHANGE_PASSWORD) stops working
    temporary_password_expires_at TIMESTAMPTZ,
    -- AdminSetUserSettings' legacy MFAOptions and AdminSetUserMFAPreference's settings, in wire form
    mfa_options           JSONB       NOT NULL DEFAULT '[]',
    mfa_preference        JSONB       NOT NULL DEFAULT '{}',
    created_at            TIMESTAMPTZ NOT NULL,
    last_modified_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_pool_id, sub),
    UNIQUE (user_pool_id, username_key)
);

-- Sign-in aliases (verified email/phone_number, preferred_username, or the email/phone_number of pools
-- that use them as usernames): each names at most one user of its pool.
CREATE TABLE user_aliases (
    user_pool_id TEXT NOT NULL,
    kind         TEXT NOT NULL,
    alias_key    TEXT NOT NULL,
    sub          UUID NOT NULL,
    PRIMARY KEY (user_pool_id, kind, alias_key),
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE
);
CREATE INDEX user_aliases_by_user ON user_aliases (user_pool_id, sub);

-- What ListUsers filters on: one row per user and searchable attribute (the standard ones Cognito
-- allows, custom attributes, and username, sub, cognito:user_status and status). Values are compared
-- in code-point order (COLLATE "C"), so a prefix search is a range scan of the primary key, and
-- truncated to 256 characters so that the key stays within a B-tree page; longer values are
-- re-checked against the user row.
CREATE TABLE user_search (
    user_pool_id TEXT NOT NULL,
    attribute    TEXT NOT NULL,
    value        TEXT COLLATE "C" NOT NULL,
    sub          UUID NOT NULL,
    PRIMARY KEY (user_pool_id, attribute, value, sub),
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE
);
CREATE INDEX user_search_by_user ON user_search (user_pool_id, sub);

-- Group membership (AdminAddUserToGroup ...): goes with the user and with the group.
CREATE TABLE user_group_memberships (
    user_pool_id TEXT        NOT NULL,
    group_name   TEXT        NOT NULL,
    sub          UUID        NOT NULL,
    added_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_pool_id, group_name, sub),
    FOREIGN KEY (user_pool_id, group_name) REFERENCES user_pool_groups (user_pool_id, name) ON DELETE CASCADE,
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE
);
CREATE INDEX user_group_memberships_by_user ON user_group_memberships (user_pool_id, sub, group_name);
