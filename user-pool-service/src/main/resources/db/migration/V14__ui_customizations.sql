-- Hosted login branding (SetUICustomization / GetUICustomization): one row per level, the pool default
-- (client_id NULL, Cognito's ClientId "ALL") or one app client. A client without its own row falls back to the
-- pool default. Rows go with their pool and with their client (ON DELETE CASCADE), like every per-pool table.
-- css holds the validated CSS as re-serialised by the parser (domain/CustomizableCss), never the raw input.
CREATE TABLE ui_customizations (
    user_pool_id       TEXT        NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
    client_id          TEXT        REFERENCES app_clients (id) ON DELETE CASCADE,
    css                TEXT,
    css_version        TEXT        NOT NULL,
    image              BYTEA,
    image_content_type TEXT,
    created_at         TIMESTAMPTZ NOT NULL,
    last_modified_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT ui_customizations_image_type CHECK ((image IS NULL) = (image_content_type IS NULL)
        AND (image_content_type IS NULL OR image_content_type IN ('image/png', 'image/jpeg')))
);
-- One row per level; NULL (the pool default) counts as the level 'ALL' (NULLs are never equal in a UNIQUE constraint).
CREATE UNIQUE INDEX ui_customizations_level ON ui_customizations (user_pool_id, (COALESCE(client_id, 'ALL')));
CREATE INDEX ui_customizations_by_client ON ui_customizations (client_id) WHERE client_id IS NOT NULL;
