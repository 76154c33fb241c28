package dev.cognate.internalapi;

/**
 * {@link InternalRoutes#ID_TOKEN_CHECK}: Cognito's {@code ServerSideTokenCheck}. identity-pool-service has already
 * verified the ID token (signature, issuer, audience, expiry); it asks user-pool-service what only the user pool knows.
 */
public final class IdTokenCheck {

    /** The user exists, is enabled, and the token was neither revoked nor issued before a global sign-out. */
    public static final String ACTIVE = "ACTIVE";
    /** No such user in the pool (deleted, or the pool itself is gone). */
    public static final String USER_NOT_FOUND = "USER_NOT_FOUND";
    /** AdminDisableUser. */
    public static final String USER_DISABLED = "USER_DISABLED";
    /** GlobalSignOut/AdminUserGlobalSignOut after the token was issued, or its session (origin_jti) revoked by RevokeToken. */
    public static final String TOKEN_REVOKED = "TOKEN_REVOKED";

    private IdTokenCheck() {
    }

    /**
     * The token's claims the answer depends on.
     *
     * @param sub       the token's {@code sub}
     * @param originJti the token's {@code origin_jti} (its session, the refresh token family), or null when it has none
     * @param issuedAt  the token's {@code iat}, epoch seconds
     */
    public record Request(String sub, String originJti, long issuedAt) {
    }

    /** @param status one of {@link #ACTIVE}, {@link #USER_NOT_FOUND}, {@link #USER_DISABLED}, {@link #TOKEN_REVOKED} */
    public record Answer(String status) {

        public boolean active() {
            return ACTIVE.equals(status);
        }
    }
}
