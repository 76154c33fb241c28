package dev.cognate.identitypool.domain;

import java.util.List;
import java.util.Map;

/**
 * What an identity pool lets in, with Cognito's member names: absent members are stored as their
 * defaults (false, empty), as Cognito does.
 *
 * @param supportedLoginProviders    public providers ({@code accounts.google.com}, ...) to their app ids
 * @param developerProviderName      the developer provider's "domain", or {@code null}; fixed once set
 * @param openIdConnectProviderARNs  OIDC providers' ARNs
 * @param cognitoIdentityProviders   user pools (and their app clients) whose ID tokens are accepted
 * @param samlProviderARNs           SAML providers' ARNs
 */
public record IdentityPoolConfiguration(boolean allowUnauthenticatedIdentities, boolean allowClassicFlow,
                                        Map<String, String> supportedLoginProviders, String developerProviderName,
                                        List<String> openIdConnectProviderARNs,
                                        List<CognitoIdentityProvider> cognitoIdentityProviders,
                                        List<String> samlProviderARNs) {

    public IdentityPoolConfiguration {
        supportedLoginProviders = supportedLoginProviders == null ? Map.of() : Map.copyOf(supportedLoginProviders);
        openIdConnectProviderARNs = openIdConnectProviderARNs == null ? List.of() : List.copyOf(openIdConnectProviderARNs);
        cognitoIdentityProviders = cognitoIdentityProviders == null ? List.of() : List.copyOf(cognitoIdentityProviders);
        samlProviderARNs = samlProviderARNs == null ? List.of() : List.copyOf(samlProviderARNs);
    }
}
