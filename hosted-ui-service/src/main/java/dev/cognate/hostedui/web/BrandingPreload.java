package dev.cognate.hostedui.web;

import dev.cognate.hostedui.service.BrandingDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Before a page of a client ({@code client_id} in the query) is handled, makes sure its branding is in the
 * {@link BrandingDirectory} cache, so that rendering, which must not wait, finds it. Never fails the request.
 */
public class BrandingPreload {

    private final BrandingDirectory brandings;

    public BrandingPreload(BrandingDirectory brandings) {
        this.brandings = brandings;
    }

    @ServerRequestFilter
    public Uni<Void> preload(UriInfo uri) {
        if (uri.getPath().startsWith("/branding/")) {
            return Uni.createFrom().voidItem();
        }
        return brandings.find(uri.getQueryParameters().getFirst("client_id")).replaceWithVoid();
    }
}
