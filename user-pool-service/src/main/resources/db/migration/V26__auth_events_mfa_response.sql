-- The second factor's outcome of a sign-in (AdminListUserAuthEvents' ChallengeResponses member "Mfa":
-- Success/Failure), beside challenge_response, the password's ("Password"). Null when no MFA code was checked
-- (no MFA, a passkey, a one-time code as first factor), and on every row written before it existed.
ALTER TABLE auth_events ADD COLUMN mfa_response TEXT;
