package dev.cognate.userpool.federation;

import dev.cognate.internalapi.FederationRequests;
import dev.cognate.internalapi.FederationResponses;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.service.ClientAuthenticator.AuthenticatedClient;
import io.smallrye.mutiny.Uni;

/**
 * One upstream protocol of federated sign-in: the OIDC/social engine ({@code federation/oidc}) and the SAML engine
 * ({@code federation/saml}) each implement it as a CDI bean. {@code InternalFederationResource} picks the one that
 * {@link #speaks} the provider's type; each engine serves its own callback route and ends in {@link FederatedSignIn}.
 */
public interface FederationProtocol {

    /** Whether this engine signs in through providers of {@code providerType} (OIDC, SAML, Google, Facebook, ...). */
    boolean speaks(String providerType);

    /**
     * Where the browser goes to sign in at {@code provider} (its details unsealed): the upstream request with a fresh
     * {@code state}/{@code nonce}/PKCE verifier (or SAML request id), remembered for the callback and bound to
     * {@code request.federationId()}.
     */
    Uni<FederationResponses.Redirect> start(AuthenticatedClient client, IdentityProvider provider, FederationRequests.Start request);
}
