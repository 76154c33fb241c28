package dev.cognate.awsprotocol;

/** What a caller must present before an action runs (DESIGN.md §2, "Who may call what"). */
public enum ActionAuthorization {
    /** An operator call: AWS Signature Version 4 with an access key Cognate is configured with. */
    SIGV4,
    /** Cognito marks the action unauthenticated (SignUp, InitiateAuth, ...): no signature is checked. */
    NONE,
    /** The action carries an {@code AccessToken} in its request, which the action itself verifies. */
    ACCESS_TOKEN
}
