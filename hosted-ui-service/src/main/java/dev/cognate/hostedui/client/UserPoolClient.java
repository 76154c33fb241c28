package dev.cognate.hostedui.client;

import dev.cognate.internalapi.AppClientConfig;
import dev.cognate.internalapi.Branding;
import dev.cognate.internalapi.InternalRoutes;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * user-pool-service's internal API on its internal port, base URL {@code quarkus.rest-client.user-pool-internal.url}
 * (user-pool-service's public port answers 404 there). Not reachable from outside the cluster; it carries no secrets.
 */
@RegisterRestClient(configKey = "user-pool-internal")
@Path(InternalRoutes.V1)
public interface UserPoolClient {

    /** The app client's configuration; fails with a 404 {@code WebApplicationException} when the client is unknown. */
    @GET
    @Path(InternalRoutes.CLIENT)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<AppClientConfig> getClient(@PathParam("clientId") String clientId);

    /** The branding of the client's pages; a 404 {@code WebApplicationException} when it has none or is unknown. */
    @GET
    @Path(InternalRoutes.BRANDING)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Branding> getBranding(@PathParam("clientId") String clientId);

    /** The logo of the client's branding, its version in {@code X-Cognate-CSS-Version}; a 404 when there is none. */
    @GET
    @Path(InternalRoutes.BRANDING_IMAGE)
    Uni<RestResponse<byte[]>> getBrandingImage(@PathParam("clientId") String clientId);

    /** One level's own logo ({@code clientId} an app client or {@code ALL}): GetUICustomization's {@code ImageUrl}. */
    @GET
    @Path(InternalRoutes.LEVEL_IMAGE)
    Uni<RestResponse<byte[]>> getLevelImage(@PathParam("poolId") String poolId, @PathParam("clientId") String clientId);
}
