-- User pools. The pool's configuration is kept in its Cognito wire form (settings), so that
-- DescribeUserPool returns what was stored and new members need no migration; the columns are
-- what queries filter and sort on.
CREATE TABLE user_pools (
    id               TEXT        PRIMARY KEY,
    name             TEXT        NOT NULL,
    settings         JSONB       NOT NULL,
    tags             JSONB       NOT NULL DEFAULT '{}',
    created_at       TIMESTAMPTZ NOT NULL,
    last_modified_at TIMESTAMPTZ NOT NULL
);
