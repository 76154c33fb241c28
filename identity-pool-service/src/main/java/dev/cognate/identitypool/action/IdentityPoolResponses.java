package dev.cognate.identitypool.action;

import dev.cognate.identitypool.domain.IdentityPool;
import dev.cognate.identitypool.domain.IdentityPoolConfiguration;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The wire shapes of an identity pool: {@code IdentityPool} and {@code IdentityPoolShortDescription}. */
public final class IdentityPoolResponses {

    private IdentityPoolResponses() {
    }

    /** The {@code IdentityPool} shape returned by Create, Describe and Update. */
    public record IdentityPoolType(String identityPoolId, String identityPoolName, Boolean allowUnauthenticatedIdentities,
                                   Boolean allowClassicFlow, Map<String, String> supportedLoginProviders,
                                   String developerProviderName, List<String> openIdConnectProviderARNs,
                                   List<CognitoIdentityProviderType> cognitoIdentityProviders, List<String> samlProviderARNs,
                                   Map<String, String> identityPoolTags) {
    }

    public record CognitoIdentityProviderType(String providerName, String clientId, Boolean serverSideTokenCheck) {
    }

    /** The {@code IdentityPoolShortDescription} shape of ListIdentityPools. */
    public record IdentityPoolShortDescription(String identityPoolId, String identityPoolName) {
    }

    static IdentityPoolType identityPoolType(IdentityPool pool) {
        IdentityPoolConfiguration configuration = pool.configuration();
        return new IdentityPoolType(pool.id(), pool.name(), configuration.allowUnauthenticatedIdentities(),
                configuration.allowClassicFlow(), new TreeMap<>(configuration.supportedLoginProviders()),
                configuration.developerProviderName(), configuration.openIdConnectProviderARNs(),
                configuration.cognitoIdentityProviders().stream()
                        .map(p -> new CognitoIdentityProviderType(p.providerName(), p.clientId(), p.serverSideTokenCheck()))
                        .toList(),
                configuration.samlProviderARNs(), new TreeMap<>(pool.tags()));
    }

    static IdentityPoolShortDescription shortDescription(IdentityPool pool) {
        return new IdentityPoolShortDescription(pool.id(), pool.name());
    }
}
