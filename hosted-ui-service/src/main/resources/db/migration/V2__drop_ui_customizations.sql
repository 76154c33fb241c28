-- Hosted UI branding is written by SetUICustomization, an action of Cognito's IdP API, which user-pool-service serves:
-- it is stored there (user_pool.ui_customizations) and read by this service through the internal API
-- (GET /internal/v1/branding/{clientId}). This table of V1 was never used.
DROP TABLE IF EXISTS ui_customizations;
