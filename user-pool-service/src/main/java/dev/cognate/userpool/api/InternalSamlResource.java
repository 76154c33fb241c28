package dev.cognate.userpool.api;

import dev.cognate.internalapi.FederationRequests;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.userpool.federation.saml.SamlAssertionConsumer;
import dev.cognate.userpool.federation.saml.SamlLogouts;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The SAML engine's routes on the internal port, for hosted-ui-service's {@code /saml2/idpresponse} and
 * {@code /saml2/logout}: the posted response ({@link InternalRoutes#FEDERATION_SAML_RESPONSE}), the start of a sign-out at
 * the provider ({@link InternalRoutes#FEDERATION_SAML_LOGOUT}) and the provider's answer to it
 * ({@link InternalRoutes#FEDERATION_SAML_LOGOUT_RESPONSE}). Refusals are Cognito error bodies ({@link InternalJson}).
 */
@Path(InternalRoutes.HOSTED_LOGIN)
@Produces(MediaType.APPLICATION_JSON)
public class InternalSamlResource {

    private final SamlAssertionConsumer assertions;
    private final SamlLogouts logouts;

    public InternalSamlResource(SamlAssertionConsumer assertions, SamlLogouts logouts) {
        this.assertions = assertions;
        this.logouts = logouts;
    }

    @POST
    @Path(InternalRoutes.FEDERATION_SAML_RESPONSE)
    public Uni<Response> samlResponse(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> assertions.consume(clientId, InternalJson.read(body, FederationRequests.SamlResponse.class)));
    }

    @POST
    @Path(InternalRoutes.FEDERATION_SAML_LOGOUT)
    public Uni<Response> logout(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> logouts.start(clientId, InternalJson.read(body, FederationRequests.SamlLogout.class)));
    }

    @POST
    @Path(InternalRoutes.FEDERATION_SAML_LOGOUT_RESPONSE)
    public Uni<Response> logoutResponse(@PathParam("clientId") String clientId, String body) {
        return InternalJson.answer(() -> logouts.finish(clientId, InternalJson.read(body, FederationRequests.SamlLogoutMessage.class)));
    }
}
