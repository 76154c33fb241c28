package dev.cognate.hostedui.web;

import dev.cognate.internalapi.Branding;
import dev.cognate.hostedui.service.BrandingDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * The branding files of the pages, from this origin (the CSP allows only {@code 'self'}):
 * <ul>
 * <li>{@code GET /branding/{clientId}.css}: the stored, validated CSS of the client's branding ({@code text/css});</li>
 * <li>{@code GET /branding/{clientId}/logo}: its logo;</li>
 * <li>{@code GET /branding/{poolId}/{clientId or ALL}/logo}: one level's own logo, GetUICustomization's {@code ImageUrl}.</li>
 * </ul>
 * A request whose {@code v} is the served version may be cached for a year (the next SetUICustomization changes the
 * URL); any other is answered {@code no-cache}. Nothing to serve → 404.
 */
@Path("/branding")
public class BrandingResource {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final BrandingDirectory brandings;

    public BrandingResource(BrandingDirectory brandings) {
        this.brandings = brandings;
    }

    @GET
    @Path("/{clientId}.css")
    public Uni<Response> stylesheet(@PathParam("clientId") String clientId, @QueryParam("v") String version) {
        return brandings.find(clientId).map(found -> found.filter(branding -> branding.css() != null)
                .map(branding -> cacheable(Response.ok(branding.css(), "text/css; charset=UTF-8"), version, branding.cssVersion()))
                .orElseGet(BrandingResource::notFound));
    }

    @GET
    @Path("/{clientId}/logo")
    public Uni<Response> logo(@PathParam("clientId") String clientId, @QueryParam("v") String version) {
        return brandings.logo(clientId).map(found -> image(found, version));
    }

    @GET
    @Path("/{poolId}/{clientId}/logo")
    public Uni<Response> levelLogo(@PathParam("poolId") String poolId, @PathParam("clientId") String clientId,
                                   @QueryParam("v") String version) {
        return brandings.levelLogo(poolId, clientId).map(found -> image(found, version));
    }

    private static Response image(Optional<BrandingDirectory.Logo> found, String version) {
        return found.map(logo -> cacheable(Response.ok(logo.bytes(), logo.contentType()), version, logo.version()))
                .orElseGet(BrandingResource::notFound);
    }

    private static Response cacheable(Response.ResponseBuilder response, String requested, String served) {
        return response.header("Cache-Control", served != null && served.equals(requested) ? IMMUTABLE : "no-cache").build();
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).type("text/plain; charset=UTF-8").entity("Not found")
                .header("Cache-Control", "no-store").build();
    }
}
