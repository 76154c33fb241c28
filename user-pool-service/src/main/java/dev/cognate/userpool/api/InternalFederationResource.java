package dev.cognate.userpool.api;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.internalapi.FederationRequests;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.userpool.federation.FederationProtocol;
import dev.cognate.userpool.service.ClientAuthenticator;
import dev.cognate.userpool.service.IdentityProviderService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The start of a federated sign-in through the hosted login ({@link InternalRoutes#FEDERATION_START}), on the internal
 * port only: the client must support the provider, and the engine that speaks the provider's type
 * ({@link FederationProtocol}) answers where the browser goes. The engines serve their own callback routes.
 */
@Path(InternalRoutes.HOSTED_LOGIN)
@Produces(MediaType.APPLICATION_JSON)
public class InternalFederationResource {

    private final ClientAuthenticator clients;
    private final IdentityProviderService providers;
    private final List<FederationProtocol> protocols;

    public InternalFederationResource(ClientAuthenticator clients, IdentityProviderService providers,
                                      Instance<FederationProtocol> protocols) {
        this.clients = clients;
        this.providers = providers;
        this.protocols = protocols.stream().toList();
    }

    @POST
    @Path(InternalRoutes.FEDERATION_START)
    public Uni<Response> start(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> {
            var request = InternalJson.read(body, FederationRequests.Start.class);
            if (request.federationId() == null || request.federationId().isBlank()
                    || request.hostedUiBaseUrl() == null || request.hostedUiBaseUrl().isBlank()) {
                throw CognitoException.invalidParameter("federationId and hostedUiBaseUrl are required");
            }
            return clients.forFederation(clientId, request.providerName())
                    .chain(client -> providers.describeIdentityProvider(client.pool().id(), request.providerName())
                            .chain(provider -> protocolFor(provider.providerType()).start(client, provider, request)));
        });
    }

    private FederationProtocol protocolFor(String providerType) {
        return protocols.stream().filter(protocol -> protocol.speaks(providerType)).findFirst()
                .orElseThrow(() -> CognitoException.invalidParameter("Sign-in through " + providerType + " providers is not supported yet"));
    }
}
