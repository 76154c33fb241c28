package dev.cognate.hostedui.oauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Authorization responses: parameters appended to the client's redirect URI (which may carry a query of its own). */
public final class OAuthRedirects {

    private OAuthRedirects() {
    }

    /** The successful response: {@code code}, {@code state} (when sent) and {@code iss} (RFC 9207). */
    public static String withCode(String redirectUri, String code, String state, String issuer) {
        return withParameters(redirectUri, Map.of("code", code), state, issuer);
    }

    static String withParameters(String redirectUri, Map<String, String> parameters, String state, String issuer) {
        Map<String, String> all = new LinkedHashMap<>(new TreeMap<>(parameters));
        all.put("state", state);
        all.put("iss", issuer);
        // Registered redirect URIs carry no fragment (RFC 6749 §3.1.2), so the parameters go at the end of the query.
        return redirectUri + (redirectUri.contains("?") ? "&" : "?") + AuthorizationRequest.query(all);
    }
}
