-- The OAuth 2.0 token endpoint (/oauth2/token): a refresh-token family opened by an authorization code keeps the
-- scopes granted to it, so refreshing it answers tokens with the same scopes (and an ID token only when "openid" is
-- one of them). NULL is a family of the user-pool API (InitiateAuth & co.): scope aws.cognito.signin.user.admin and
-- an ID token, as before.
ALTER TABLE refresh_token_families ADD COLUMN scopes TEXT[];
