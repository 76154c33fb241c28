-- Remembered devices (Cognito's device tracking). A sign-in in a pool with DeviceConfiguration that names no known device
-- gets a new device key ({region}_{uuid}) and device group key (NewDeviceMetadata); the pair is bound to the sign-in's
-- refresh-token family (refresh_family_devices), whose access tokens carry the key as device_key. ConfirmDevice with such
-- a token writes the device row: the device's SRP verifier and salt (sealed under the master key, bound to the pool and
-- the device key), its name and remembered status. Devices go with their user; a forgotten device's families keep their
-- binding, so their refresh tokens are refused.
CREATE TABLE devices (
    user_pool_id          TEXT        NOT NULL,
    device_key            TEXT        NOT NULL,
    sub                   UUID        NOT NULL,
    device_group_key      TEXT        NOT NULL,
    sealed_verifier       BYTEA       NOT NULL,
    salt                  TEXT        NOT NULL,
    device_name           TEXT,
    remembered            BOOLEAN     NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    modified_at           TIMESTAMPTZ NOT NULL,
    last_authenticated_at TIMESTAMPTZ,
    last_ip               TEXT,
    PRIMARY KEY (user_pool_id, device_key),
    FOREIGN KEY (user_pool_id, sub) REFERENCES users (user_pool_id, sub) ON DELETE CASCADE
);
-- ListDevices pages: a user's devices, newest last-authenticated first is not stable under sign-ins, so pages go by key.
CREATE INDEX devices_by_user ON devices (user_pool_id, sub, device_key);

-- The device key and group key a sign-in issued (new_device) or signed in with, per refresh-token family.
CREATE TABLE refresh_family_devices (
    family_id        UUID    PRIMARY KEY REFERENCES refresh_token_families (family_id) ON DELETE CASCADE,
    device_key       TEXT    NOT NULL,
    device_group_key TEXT    NOT NULL,
    new_device       BOOLEAN NOT NULL
);
CREATE INDEX refresh_family_devices_by_device ON refresh_family_devices (device_key);
