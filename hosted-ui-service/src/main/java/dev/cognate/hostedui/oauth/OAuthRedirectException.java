package dev.cognate.hostedui.oauth;

/**
 * An authorization request that fails after its client and redirect URI were validated: the browser goes back to the
 * redirect URI with {@code error}, {@code error_description}, {@code state} and {@code iss} (RFC 6749 §4.1.2.1,
 * RFC 9207). Rendered as a 302 by the page error mapping.
 */
public class OAuthRedirectException extends RuntimeException {

    private final String redirectUri;
    private final String error;
    private final String state;
    private final String issuer;

    public OAuthRedirectException(String redirectUri, String error, String description, String state, String issuer) {
        super(description, null, false, false);
        this.redirectUri = redirectUri;
        this.error = error;
        this.state = state;
        this.issuer = issuer;
    }

    public String location() {
        return OAuthRedirects.withParameters(redirectUri, java.util.Map.of(
                "error", error, "error_description", getMessage()), state, issuer);
    }

    public String error() {
        return error;
    }
}
