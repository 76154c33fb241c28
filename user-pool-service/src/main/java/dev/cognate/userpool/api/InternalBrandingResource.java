package dev.cognate.userpool.api;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.internalapi.Branding;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.userpool.domain.UiCustomization;
import dev.cognate.userpool.service.UiCustomizationService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * The internal API hosted-ui-service reads the branding of the hosted pages with (cluster network only, no SigV4,
 * like {@link InternalClientsResource}); SetUICustomization writes it.
 * <ul>
 * <li>{@code GET /internal/v1/branding/{clientId}}: what the client's pages show (its own customization, else the pool
 * default), {@code {userPoolId, clientId ("ALL" for the pool default), css, cssVersion, imageContentType, hasImage}};
 * 404 when the client is unknown or nothing is customized.</li>
 * <li>{@code GET /internal/v1/branding/{clientId}/image}: that customization's logo bytes, 404 when it has none.</li>
 * <li>{@code GET /internal/v1/user-pools/{poolId}/branding/{clientId|ALL}/image}: one level's own logo, the target of
 * GetUICustomization's {@code ImageUrl}; 404 when it has none.</li>
 * </ul>
 * Errors carry {@code {"__type","message"}} ({@link InternalJson}).
 */
@Path(InternalRoutes.V1)
public class InternalBrandingResource {

    /** The branding of a client's pages, never the image itself. */
    static Branding branding(UiCustomization customization) {
        return new Branding(customization.userPoolId(), customization.clientId(), customization.css(), customization.cssVersion(),
                customization.imageContentType(), customization.hasImage());
    }

    private final UiCustomizationService customizations;

    public InternalBrandingResource(UiCustomizationService customizations) {
        this.customizations = customizations;
    }

    @GET
    @Path(InternalRoutes.BRANDING)
    public Uni<Response> branding(@PathParam("clientId") String clientId) {
        return customizations.effectiveForClient(clientId)
                .map(found -> found.map(customization -> Response.ok(branding(customization), MediaType.APPLICATION_JSON_TYPE).build())
                        .orElseGet(() -> notFound("No UI customization applies to client " + clientId + ".")))
                .onFailure().recoverWithItem(InternalJson::error);
    }

    @GET
    @Path(InternalRoutes.BRANDING_IMAGE)
    public Uni<Response> image(@PathParam("clientId") String clientId) {
        return customizations.effectiveForClient(clientId).map(InternalBrandingResource::image)
                .onFailure().recoverWithItem(InternalJson::error);
    }

    @GET
    @Path(InternalRoutes.LEVEL_IMAGE)
    public Uni<Response> levelImage(@PathParam("poolId") String poolId, @PathParam("clientId") String clientId) {
        return customizations.level(poolId, clientId).map(InternalBrandingResource::image)
                .onFailure().recoverWithItem(InternalJson::error);
    }

    private static Response image(Optional<UiCustomization> found) {
        return found.filter(UiCustomization::hasImage)
                .map(customization -> Response.ok(customization.image(), customization.imageContentType())
                        .header("X-Cognate-CSS-Version", customization.cssVersion()).build())
                .orElseGet(() -> notFound("There is no logo image."));
    }

    private static Response notFound(String message) {
        return InternalJson.error(CognitoException.resourceNotFound(message));
    }
}
