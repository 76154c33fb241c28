-- The Argon2id hashes of a user's last passwords, for the pool's PasswordPolicy.PasswordHistorySize (0-24): a new
-- password matching one of them is refused (PasswordHistoryPolicyViolationException). Every path that checks the
-- history (ChangePassword, AdminSetUserPassword, ConfirmForgotPassword) records the password it sets and keeps only
-- the newest PasswordHistorySize rows; the user's current hash (users.password_hash) is always checked too.
CREATE TABLE password_history (
    user_pool_id  TEXT        NOT NULL,
    sub           UUID        NOT NULL,
    id            BIGSERIAL   NOT NULL,
    password_hash TEXT        NOT NULL,
    set_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_pool_id, sub, id),
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE
);

-- A new email or phone number a signed-in user asked for (UpdateUserAttributes) in a pool whose
-- UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate names it: the old value stays active (and is
-- what GetUser shows) until VerifyUserAttribute confirms the code sent to the new one. Kept in this migration because
-- it belongs to the same change (the signed-in user actions).
CREATE TABLE pending_user_attributes (
    user_pool_id   TEXT        NOT NULL,
    sub            UUID        NOT NULL,
    attribute_name TEXT        NOT NULL,
    value          TEXT        NOT NULL,
    requested_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_pool_id, sub, attribute_name),
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE
);
