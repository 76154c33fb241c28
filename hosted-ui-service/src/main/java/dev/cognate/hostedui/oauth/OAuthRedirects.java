package dev.cognate.hostedui.oauth;

import dev.cognate.internalapi.HostedLoginResponses.ImplicitTokens;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Authorization responses: parameters added to the client's redirect URI (which may carry a query of its own) — in the
 * query for the code flow, in the fragment for the implicit flow (RFC 6749 §4.1.2, §4.2.2), errors included.
 */
public final class OAuthRedirects {

    private OAuthRedirects() {
    }

    /** The code flow's successful response: {@code code}, {@code state} (when sent) and {@code iss} (RFC 9207). */
    public static String withCode(String redirectUri, String code, String state, String issuer) {
        return withParameters(redirectUri, Map.of("code", code), state, issuer, false);
    }

    /**
     * The implicit flow's successful response, in the fragment so that it never reaches a server (RFC 6749 §4.2.2):
     * {@code access_token}, {@code id_token} (when {@code openid} was granted), {@code token_type}, {@code expires_in},
     * {@code state} (when sent) and {@code iss}. Never a refresh token.
     */
    public static String withTokens(String redirectUri, ImplicitTokens tokens, String state, String issuer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("access_token", tokens.accessToken());
        parameters.put("id_token", tokens.idToken());
        parameters.put("token_type", tokens.tokenType());
        parameters.put("expires_in", Long.toString(tokens.expiresIn()));
        return withParameters(redirectUri, parameters, state, issuer, true);
    }

    /** {@code parameters} (a sorted map's order unless already ordered), then {@code state} and {@code iss}. */
    static String withParameters(String redirectUri, Map<String, String> parameters, String state, String issuer,
                                 boolean inFragment) {
        Map<String, String> all = parameters instanceof LinkedHashMap<String, String> ordered
                ? new LinkedHashMap<>(ordered) : new LinkedHashMap<>(new TreeMap<>(parameters));
        all.put("state", state);
        all.put("iss", issuer);
        if (inFragment) {
            // Registered redirect URIs carry no fragment (RFC 6749 §3.1.2): the response is the whole fragment.
            return redirectUri + "#" + AuthorizationRequest.query(all);
        }
        return redirectUri + (redirectUri.contains("?") ? "&" : "?") + AuthorizationRequest.query(all);
    }
}
