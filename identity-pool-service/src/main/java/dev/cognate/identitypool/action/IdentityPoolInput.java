package dev.cognate.identitypool.action;

import java.util.List;
import java.util.Map;

/**
 * The request of CreateIdentityPool and UpdateIdentityPool (the {@code IdentityPool} shape; Create
 * has no {@code IdentityPoolId}). Boxed types, so that a member left out is told from a default.
 */
public record IdentityPoolInput(String identityPoolId, String identityPoolName, Boolean allowUnauthenticatedIdentities,
                                Boolean allowClassicFlow, Map<String, String> supportedLoginProviders,
                                String developerProviderName, List<String> openIdConnectProviderARNs,
                                List<Provider> cognitoIdentityProviders, List<String> samlProviderARNs,
                                Map<String, String> identityPoolTags) {

    /** {@code CognitoIdentityProvider}: a user pool app client. */
    public record Provider(String providerName, String clientId, Boolean serverSideTokenCheck) {
    }
}
