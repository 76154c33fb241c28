package dev.cognate.hostedui.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * user-pool-service's internal API, base URL {@code quarkus.rest-client.user-pool.url}. Not reachable from
 * outside the cluster (NetworkPolicy); it carries no secrets.
 */
@RegisterRestClient(configKey = "user-pool")
@Path("/internal/v1")
public interface UserPoolClient {

    /** The app client's configuration; fails with a 404 {@code WebApplicationException} when the client is unknown. */
    @GET
    @Path("/clients/{clientId}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<AppClientConfig> getClient(@PathParam("clientId") String clientId);
}
