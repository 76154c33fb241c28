-- User pool groups (CreateGroup ... ListGroups). A group belongs to one pool and goes with it.
-- Names are unique per pool and case-sensitive, as in Cognito; ListGroups pages in name order.
CREATE TABLE user_pool_groups (
    user_pool_id     TEXT        NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
    name             TEXT        NOT NULL,
    description      TEXT,
    role_arn         TEXT,
    precedence       INTEGER,
    created_at       TIMESTAMPTZ NOT NULL,
    last_modified_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_pool_id, name)
);

-- The pool's MFA and passkey configuration that DescribeUserPool does not show
-- (SoftwareTokenMfaConfiguration, EmailMfaConfiguration, SmsMfaConfiguration, WebAuthnConfiguration),
-- in wire form. MfaConfiguration, SmsAuthenticationMessage and SmsConfiguration stay in settings,
-- where DescribeUserPool reads them.
ALTER TABLE user_pools ADD COLUMN mfa_config JSONB NOT NULL DEFAULT '{}';
