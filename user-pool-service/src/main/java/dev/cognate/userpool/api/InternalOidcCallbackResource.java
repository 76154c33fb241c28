package dev.cognate.userpool.api;

import dev.cognate.internalapi.FederationRequests;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.userpool.federation.oidc.OidcFederation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * What an OIDC or social provider sent back to {@code /oauth2/idpresponse}, relayed by hosted-ui-service
 * ({@link InternalRoutes#FEDERATION_OIDC_CALLBACK}, internal port only): {@link FederationRequests.OidcCallback} →
 * {@code FederationResponses.SignedIn}, or the Cognito error body of the refusal ({@link InternalJson}).
 */
@Path(InternalRoutes.HOSTED_LOGIN)
@Produces(MediaType.APPLICATION_JSON)
public class InternalOidcCallbackResource {

    private final OidcFederation federation;

    public InternalOidcCallbackResource(OidcFederation federation) {
        this.federation = federation;
    }

    @POST
    @Path(InternalRoutes.FEDERATION_OIDC_CALLBACK)
    public Uni<Response> callback(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> federation.callback(clientId, InternalJson.read(body, FederationRequests.OidcCallback.class)));
    }
}
