package dev.cognate.hostedui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * An app client's hosted-UI settings, as user-pool-service's internal API
 * ({@code GET /internal/v1/clients/{clientId}}) returns them. Missing lists read as empty, missing flags as false.
 *
 * @param hasSecret                       the client has a secret (confidential); a public client must use PKCE
 * @param allowedOAuthFlowsUserPoolClient Cognito's switch that enables the OAuth flows at all
 * @param preventUserExistenceErrors      {@code ENABLED} or {@code LEGACY} (null reads as ENABLED, Cognito's default)
 * @param usernameAttributes              the pool's {@code UsernameAttributes} ({@code email}, {@code phone_number}):
 *                                        users sign in with those instead of a username
 * @param requiredAttributes              the pool's required schema attributes, without the {@code userAttributes.} prefix
 * @param autoVerifiedAttributes          the pool's {@code AutoVerifiedAttributes}
 * @param poolName                        the pool's name, shown as the page's title
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
        List<String> supportedIdentityProviders,
        boolean hasSecret,
        boolean allowedOAuthFlowsUserPoolClient,
        String preventUserExistenceErrors,
        List<String> usernameAttributes,
        List<String> requiredAttributes,
        List<String> autoVerifiedAttributes,
        String poolName) {

    public AppClientConfig {
        callbackUrls = orEmpty(callbackUrls);
        logoutUrls = orEmpty(logoutUrls);
        allowedOAuthFlows = orEmpty(allowedOAuthFlows);
        allowedOAuthScopes = orEmpty(allowedOAuthScopes);
        supportedIdentityProviders = orEmpty(supportedIdentityProviders);
        usernameAttributes = orEmpty(usernameAttributes);
        requiredAttributes = orEmpty(requiredAttributes);
        autoVerifiedAttributes = orEmpty(autoVerifiedAttributes);
    }

    /** Exact match, as RFC 9700 requires: no prefix, wildcard or case folding. */
    public boolean allowsRedirectUri(String redirectUri) {
        return redirectUri != null && callbackUrls.contains(redirectUri);
    }

    /** Exact match against the client's sign-out URLs ({@code LogoutURLs}). */
    public boolean allowsLogoutUri(String logoutUri) {
        return logoutUri != null && logoutUrls.contains(logoutUri);
    }

    /** Users of this pool sign in with their email address (UsernameAttributes contains {@code email}). */
    public boolean signsInWithEmail() {
        return usernameAttributes.contains("email");
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
