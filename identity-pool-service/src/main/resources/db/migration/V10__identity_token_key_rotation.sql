-- Rotation of the identity token keys: a key signs from active_from on, until the next key's active_from. A next key is
-- inserted (and published in the JWKS) ahead of its active_from; a key stays published for a retention period after its
-- successor took over, then it is deleted. Keys that existed before rotation were active from their creation.
ALTER TABLE identity_token_keys ADD COLUMN active_from TIMESTAMPTZ;
UPDATE identity_token_keys SET active_from = created_at;
ALTER TABLE identity_token_keys ALTER COLUMN active_from SET NOT NULL;
CREATE INDEX identity_token_keys_active_from ON identity_token_keys (active_from);
