package dev.cognate.userpool.federation;

import dev.cognate.userpool.domain.IdentityProvider;

/** The username Cognito gives the federated user of a provider identity: {@code {ProviderName}_{subject}}. */
public final class FederatedUsernames {

    private FederatedUsernames() {
    }

    public static String of(IdentityProvider provider, ExternalIdentity identity) {
        return provider.providerName() + "_" + identity.subject();
    }
}
