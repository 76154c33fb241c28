package dev.cognate.hostedui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * An app client's hosted-UI settings, as user-pool-service's internal API
 * ({@code GET /internal/v1/clients/{clientId}}) returns them. Missing lists read as empty.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppClientConfig(
        String clientId,
        String userPoolId,
        String clientName,
        List<String> callbackUrls,
        List<String> logoutUrls,
        List<String> allowedOAuthFlows,
        List<String> allowedOAuthScopes,
        List<String> supportedIdentityProviders) {

    public AppClientConfig {
        callbackUrls = orEmpty(callbackUrls);
        logoutUrls = orEmpty(logoutUrls);
        allowedOAuthFlows = orEmpty(allowedOAuthFlows);
        allowedOAuthScopes = orEmpty(allowedOAuthScopes);
        supportedIdentityProviders = orEmpty(supportedIdentityProviders);
    }

    /** Exact match, as RFC 9700 requires: no prefix, wildcard or case folding. */
    public boolean allowsRedirectUri(String redirectUri) {
        return redirectUri != null && callbackUrls.contains(redirectUri);
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
