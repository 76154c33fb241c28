package dev.cognate.internalapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * An app client's hosted-login settings ({@link InternalRoutes#CLIENT}): what the hosted
 * UI needs to validate an authorization request and draw its pages. Missing lists read as empty, missing flags as false.
 *
 * @param hasSecret                       the client has a secret (confidential; never the secret itself); a public
 *                                        client must use PKCE
 * @param allowedOAuthFlowsUserPoolClient Cognito's switch that enables the OAuth flows at all
 * @param preventUserExistenceErrors      the client hides which users exist ({@code PreventUserExistenceErrors} ENABLED)
 * @param usernameAttributes              the pool's {@code UsernameAttributes} ({@code email}, {@code phone_number}):
 *                                        users sign in with those instead of a username
 * @param requiredAttributes              the pool's required schema attributes (without {@code sub} and without the
 *                                        {@code userAttributes.} prefix)
 * @param autoVerifiedAttributes          the pool's {@code AutoVerifiedAttributes}
 * @param poolName                        the pool's name, shown as the page's title
 * @param allowedFirstAuthFactors         the pool's {@code Policies.SignInPolicy.AllowedFirstAuthFactors} ({@code PASSWORD},
 *                                        {@code EMAIL_OTP}, {@code SMS_OTP}, {@code WEB_AUTHN}); empty for a pool of the
 *                                        LITE tier, which has no choice-based sign-in
 * @param identityProviders               the pool's identity providers among the client's SupportedIdentityProviders
 *                                        (never {@code COGNITO}), in the client's order: the hosted login's buttons,
 *                                        {@code identity_provider} and {@code idp_identifier}, and email-domain routing
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
        boolean allowedOAuthFlowsUserPoolClient,
        boolean hasSecret,
        boolean preventUserExistenceErrors,
        String poolName,
        List<String> usernameAttributes,
        List<String> autoVerifiedAttributes,
        List<String> requiredAttributes,
        List<String> allowedFirstAuthFactors,
        List<IdentityProviderSummary> identityProviders) {

    /**
     * One identity provider the client supports: its {@code ProviderName}, {@code ProviderType} (OIDC, SAML, Google,
     * Facebook, LoginWithAmazon, SignInWithApple) and {@code IdpIdentifiers} (lower-case email domains or names).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IdentityProviderSummary(String providerName, String providerType, List<String> idpIdentifiers) {

        public IdentityProviderSummary {
            idpIdentifiers = idpIdentifiers == null ? List.of() : List.copyOf(idpIdentifiers);
        }
    }

    public AppClientConfig {
        identityProviders = orEmpty(identityProviders);
        allowedFirstAuthFactors = orEmpty(allowedFirstAuthFactors);
        callbackUrls = orEmpty(callbackUrls);
        logoutUrls = orEmpty(logoutUrls);
        allowedOAuthFlows = orEmpty(allowedOAuthFlows);
        allowedOAuthScopes = orEmpty(allowedOAuthScopes);
        supportedIdentityProviders = orEmpty(supportedIdentityProviders);
        usernameAttributes = orEmpty(usernameAttributes);
        autoVerifiedAttributes = orEmpty(autoVerifiedAttributes);
        requiredAttributes = orEmpty(requiredAttributes);
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

    /** The pool lets users sign in with this first factor without a password ({@code WEB_AUTHN}, {@code EMAIL_OTP}, {@code SMS_OTP}). */
    public boolean offersFirstFactor(String factor) {
        return allowedFirstAuthFactors.contains(factor);
    }

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
