package dev.cognate.identitypool.login;

import dev.cognate.internalapi.IdTokenCheck;
import dev.cognate.internalapi.InternalRoutes;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * user-pool-service's internal API on its internal port, base URL {@code quarkus.rest-client.user-pool-internal.url}
 * (the same key hosted-ui-service uses); only the route of {@code ServerSideTokenCheck}.
 */
@RegisterRestClient(configKey = "user-pool-internal")
@Path(InternalRoutes.V1)
public interface UserPoolInternalClient {

    @POST
    @Path(InternalRoutes.ID_TOKEN_CHECK)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<IdTokenCheck.Answer> checkIdToken(@PathParam("poolId") String poolId, IdTokenCheck.Request request);
}
