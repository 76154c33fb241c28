-- Identity pools. The pool's configuration (AllowUnauthenticatedIdentities, AllowClassicFlow,
-- SupportedLoginProviders, DeveloperProviderName, OpenIdConnectProviderARNs,
-- CognitoIdentityProviders, SamlProviderARNs) is kept in its Cognito wire form, so that
-- DescribeIdentityPool returns what was stored and new members need no migration; the columns are
-- what queries filter and sort on. Ids sort bytewise (COLLATE "C"), so ListIdentityPools pages in
-- the same order whatever the database's locale.
CREATE TABLE identity_pools (
    id               TEXT        COLLATE "C" PRIMARY KEY,
    name             TEXT        NOT NULL,
    configuration    JSONB       NOT NULL,
    tags             JSONB       NOT NULL DEFAULT '{}',
    created_at       TIMESTAMPTZ NOT NULL,
    last_modified_at TIMESTAMPTZ NOT NULL
);

-- User pool events this service has seen on cognate.userpool.events, once each (deduplicated by
-- event id through processed_events). The seed of "identity pools learn of user pool changes".
CREATE TABLE observed_user_pool_events (
    event_id     TEXT        PRIMARY KEY,
    type         TEXT        NOT NULL,
    user_pool_id TEXT,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX observed_user_pool_events_pool ON observed_user_pool_events (user_pool_id);
