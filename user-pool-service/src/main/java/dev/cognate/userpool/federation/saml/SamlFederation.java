package dev.cognate.userpool.federation.saml;

import com.onelogin.saml2.authn.AuthnRequest;
import com.onelogin.saml2.authn.AuthnRequestParams;
import dev.cognate.internalapi.FederationRequests;
import dev.cognate.internalapi.FederationResponses;
import dev.cognate.userpool.domain.IdentityProvider;
import dev.cognate.userpool.federation.FederationProtocol;
import dev.cognate.userpool.service.ClientAuthenticator.AuthenticatedClient;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * SP-initiated SAML sign-in: an AuthnRequest (HTTP-Redirect binding, signed with the pool's signing key when the
 * provider's {@code RequestSigningAlgorithm} is {@code rsa-sha256}) to the provider's SingleSignOnService, asking for the
 * answer at {@code {hostedUiBaseUrl}/saml2/idpresponse} by HTTP-POST. Its ID is remembered in Redis with the browser's
 * {@code federationId} ({@link SamlRequestStore}): the response must answer it, once, for that browser. Redis down: no
 * redirect (fails closed). The answer is checked by {@link SamlAssertionConsumer}.
 */
@ApplicationScoped
public class SamlFederation implements FederationProtocol {

    static final String SAML = "SAML";

    private final IdpMetadataSource metadata;
    private final SpCredentialStore credentials;
    private final SamlRequestStore requests;

    public SamlFederation(IdpMetadataSource metadata, SpCredentialStore credentials, SamlRequestStore requests) {
        this.metadata = metadata;
        this.credentials = credentials;
        this.requests = requests;
    }

    @Override
    public boolean speaks(String providerType) {
        return SAML.equals(providerType);
    }

    @Override
    public Uni<FederationResponses.Redirect> start(AuthenticatedClient client, IdentityProvider provider, FederationRequests.Start request) {
        String poolId = client.pool().id();
        SamlProviderDetails details = SamlProviderDetails.of(provider);
        return metadata.of(provider).chain(idp -> credentials.of(poolId).chain(sp -> Uni.createFrom().item(() -> {
                    AuthnRequest authnRequest = new AuthnRequest(SamlSettings.of(poolId, request.hostedUiBaseUrl(), sp, idp, details),
                            new AuthnRequestParams(false, false, true, true));
                    String location;
                    try {
                        location = RedirectBinding.location(idp.singleSignOnUrl(), authnRequest.getEncodedAuthnRequest(), null,
                                details.signRequests() ? sp.signingKey() : null);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return new Sent(authnRequest.getId(), location);
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())))
                .call(sent -> requests.rememberRequest(sent.requestId(), new SamlRequestStore.Pending(request.federationId(),
                        client.client().clientId(), poolId, provider.providerName(), request.hostedUiBaseUrl())))
                .map(sent -> new FederationResponses.Redirect(sent.location()));
    }

    private record Sent(String requestId, String location) {
    }
}
