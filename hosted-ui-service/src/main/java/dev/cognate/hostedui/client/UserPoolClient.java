package dev.cognate.hostedui.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

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

    /** The branding of the client's pages; a 404 {@code WebApplicationException} when it has none or is unknown. */
    @GET
    @Path("/branding/{clientId}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Branding> getBranding(@PathParam("clientId") String clientId);

    /** The logo of the client's branding, its version in {@code X-Cognate-CSS-Version}; a 404 when there is none. */
    @GET
    @Path("/branding/{clientId}/image")
    Uni<RestResponse<byte[]>> getBrandingImage(@PathParam("clientId") String clientId);

    /** One level's own logo ({@code clientId} an app client or {@code ALL}): GetUICustomization's {@code ImageUrl}. */
    @GET
    @Path("/user-pools/{poolId}/branding/{clientId}/image")
    Uni<RestResponse<byte[]>> getLevelImage(@PathParam("poolId") String poolId, @PathParam("clientId") String clientId);
}
