package dev.cognate.hostedui.oauth;

import java.util.Map;

/**
 * An authorization request that fails after its client and redirect URI were validated: the browser goes back to the
 * redirect URI with {@code error}, {@code error_description}, {@code state} and {@code iss} (RFC 6749 §4.1.2.1,
 * RFC 9207) — in the fragment when the request was the implicit flow's (RFC 6749 §4.2.2.1). Rendered as a 302 by the
 * page error mapping.
 */
public class OAuthRedirectException extends RuntimeException {

    private final String redirectUri;
    private final String error;
    private final String state;
    private final String issuer;
    private final boolean inFragment;

    public OAuthRedirectException(String redirectUri, String error, String description, String state, String issuer,
                                  boolean inFragment) {
        super(description, null, false, false);
        this.redirectUri = redirectUri;
        this.error = error;
        this.state = state;
        this.issuer = issuer;
        this.inFragment = inFragment;
    }

    /** The error response to {@code request} (query or fragment as its response type wants). */
    public static OAuthRedirectException of(AuthorizationRequest request, String issuer, String error, String description) {
        return new OAuthRedirectException(request.redirectUri(), error, description, request.state(), issuer,
                request.implicit());
    }

    public String location() {
        return OAuthRedirects.withParameters(redirectUri, Map.of("error", error, "error_description", getMessage()),
                state, issuer, inFragment);
    }

    public String error() {
        return error;
    }
}
