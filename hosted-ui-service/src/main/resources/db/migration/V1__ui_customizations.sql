-- Hosted UI branding, as Cognito's SetUICustomization / GetUICustomization: one row per user pool and app
-- client, where client_id 'ALL' is the pool-wide default that a client without its own row falls back to
-- (Cognito's UICustomizationType reports ClientId "ALL" for it). 'ALL' rather than NULL keeps the pair a
-- primary key (NULLs are never equal) and matches what the API returns.
CREATE TABLE ui_customizations (
    user_pool_id       TEXT        NOT NULL,
    client_id          TEXT        NOT NULL DEFAULT 'ALL',
    css                TEXT,
    css_version        TEXT,
    image              BYTEA,
    image_content_type TEXT,
    creation_date      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_modified      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_pool_id, client_id),
    CONSTRAINT ui_customizations_image_type CHECK (image IS NULL OR image_content_type IN ('image/png', 'image/jpeg'))
);
