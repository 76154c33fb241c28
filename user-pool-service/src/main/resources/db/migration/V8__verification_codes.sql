-- One-time codes sent to a user's email or phone number: sign-up confirmation (SignUp, ResendConfirmationCode),
-- attribute verification, and password reset (ForgotPassword, AdminResetUserPassword). A user holds at most one live
-- code per purpose; a new one replaces it. The code itself is never stored: code_hash is HMAC-SHA256 under a key
-- derived from the master key, over a random per-row salt and the code, so a copy of this table does not give the
-- codes away even by trying all 10^6 of them. A row goes when its code is used, and with its user.
CREATE TABLE verification_codes (
    user_pool_id     TEXT        NOT NULL,
    sub              UUID        NOT NULL,
    -- SIGN_UP, ATTRIBUTE_VERIFICATION or PASSWORD_RESET
    purpose          TEXT        NOT NULL,
    -- the attribute the code was sent to (email or phone_number): verified when a sign-up code is confirmed
    attribute_name   TEXT        NOT NULL,
    salt             BYTEA       NOT NULL,
    code_hash        BYTEA       NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL,
    -- wrong codes tried against this one; at the limit the code no longer works, even when right
    failed_attempts  INTEGER     NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_pool_id, sub, purpose),
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE
);

-- How many codes a user was sent in the current window (one hour from the first send of the window), so that
-- ResendConfirmationCode / ForgotPassword cannot be used to flood a mailbox or phone. Kept in PostgreSQL, so that
-- losing Redis never resets it.
CREATE TABLE verification_code_sends (
    user_pool_id      TEXT        NOT NULL,
    sub               UUID        NOT NULL,
    window_started_at TIMESTAMPTZ NOT NULL,
    sends             INTEGER     NOT NULL,
    PRIMARY KEY (user_pool_id, sub),
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE
);
