package dev.cognate.userpool.oauth;

/**
 * An error of the OAuth 2.0 endpoints in the wire vocabulary of RFC 6749 §5.2 (and RFC 7009, RFC 6750): rendered by
 * {@link OAuthResponses#error} as {@code {"error", "error_description"}} with its HTTP status and, where the RFCs ask
 * for one, a {@code WWW-Authenticate} challenge.
 */
public class OAuthException extends RuntimeException {

    private final int status;
    private final String error;
    private final String wwwAuthenticate;

    public OAuthException(int status, String error, String description, String wwwAuthenticate) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.wwwAuthenticate = wwwAuthenticate;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description, null);
    }

    /** RFC 6749 §5.2: 401, with a Basic challenge when the client tried HTTP Basic authentication. */
    public static OAuthException invalidClient(String description, boolean basicUsed) {
        return new OAuthException(401, "invalid_client", description, basicUsed ? "Basic realm=\"oauth2\"" : null);
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description, null);
    }

    public static OAuthException unauthorizedClient(String description) {
        return new OAuthException(400, "unauthorized_client", description, null);
    }

    public static OAuthException unsupportedGrantType(String description) {
        return new OAuthException(400, "unsupported_grant_type", description, null);
    }

    public static OAuthException invalidScope(String description) {
        return new OAuthException(400, "invalid_scope", description, null);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    /** The {@code WWW-Authenticate} header value, or null. */
    public String wwwAuthenticate() {
        return wwwAuthenticate;
    }
}
