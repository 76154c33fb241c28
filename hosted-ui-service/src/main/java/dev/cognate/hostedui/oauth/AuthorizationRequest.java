package dev.cognate.hostedui.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A validated authorization request (client and redirect URI checked, everything else valid). It travels between the
 * hosted pages in their query string, as Cognito's pages do ({@code /login?client_id=..&response_type=code&...}), and
 * every page validates it again: nothing in the browser is trusted.
 *
 * @param responseType   {@code code} (the authorization code flow) or {@code token} (the implicit flow)
 * @param requestedScope the {@code scope} parameter as sent (null when absent), carried to the next page
 * @param scopes         the granted scopes: requested ∩ the client's AllowedOAuthScopes, all of them when none was requested
 * @param codeChallenge  the PKCE challenge of a code request; always null for the implicit flow, which ignores it
 * @param prompt         {@code login}, {@code none} or null
 * @param maxAge         the {@code max_age} in seconds, or null
 * @param lang           the page language the request asked for ({@code lang} or {@code ui_locales}), or null
 * @param identityProvider the upstream identity provider the request names ({@code identity_provider}, or the provider of its
 *                       {@code idp_identifier}): the browser goes straight there instead of the sign-in page; null for the
 *                       user pool's own sign-in ({@code COGNITO} or no provider named). Not carried to the next page.
 */
public record AuthorizationRequest(String clientId, String userPoolId, String redirectUri, String responseType,
                                   String state, String requestedScope, List<String> scopes, String nonce, String codeChallenge,
                                   String codeChallengeMethod, String prompt, Long maxAge, String loginHint,
                                   String lang, String identityProvider) {

    public static final String CODE = "code";
    public static final String TOKEN = "token";

    /** The implicit flow ({@code response_type=token}): tokens in the redirect URI's fragment, errors there too. */
    public boolean implicit() {
        return TOKEN.equals(responseType);
    }

    /** The request names an upstream identity provider: no sign-in page, no single sign-on from the session. */
    public boolean federated() {
        return identityProvider != null;
    }

    public boolean forcesLogin() {
        return "login".equals(prompt);
    }

    public boolean forbidsInteraction() {
        return "none".equals(prompt);
    }

    /**
     * The parameters the next page needs to continue this request. {@code prompt} and {@code max_age} travel too, so
     * that {@code /login} applies the same single sign-on rule as {@code /oauth2/authorize}.
     */
    public Map<String, String> pageParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("client_id", clientId);
        parameters.put("response_type", responseType);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("state", state);
        parameters.put("scope", requestedScope);
        parameters.put("nonce", nonce);
        parameters.put("code_challenge", codeChallenge);
        parameters.put("code_challenge_method", codeChallengeMethod);
        parameters.put("prompt", prompt);
        parameters.put("max_age", maxAge == null ? null : maxAge.toString());
        parameters.put("lang", lang);
        return parameters;
    }

    /** {@code path?query} of a hosted page continuing this request, plus extra parameters (null values left out). */
    public String pageUrl(String path, Map<String, String> extra) {
        Map<String, String> parameters = pageParameters();
        parameters.putAll(extra);
        return path + "?" + query(parameters);
    }

    public String pageUrl(String path) {
        return pageUrl(path, Map.of());
    }

    /** An application/x-www-form-urlencoded query of the non-null values, in order. */
    public static String query(Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }
}
