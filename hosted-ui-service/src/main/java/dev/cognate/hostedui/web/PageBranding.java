package dev.cognate.hostedui.web;

import dev.cognate.internalapi.AppClientConfig;
import dev.cognate.internalapi.Branding;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import java.util.Optional;

/**
 * What {@code base.html} adds to a branded client's pages: the stylesheet link after cognate.css and the logo in the
 * banner, both served by this origin ({@link BrandingResource}; the CSP allows only {@code 'self'}) under URLs carrying
 * the {@code CSSVersion}, so browsers may cache them until the next SetUICustomization.
 */
@TemplateData
public record PageBranding(String stylesheetUrl, String logoUrl, String logoAlt) {

    /** The template data name {@code base.html} reads. */
    static final String NAME = "branding";

    /** {@code null} (nothing added) when the client has no branding. */
    static PageBranding of(AppClientConfig client, Optional<Branding> found) {
        if (found.isEmpty() || (found.get().css() == null && !found.get().hasImage())) {
            return null;
        }
        Branding branding = found.get();
        String version = "?v=" + branding.cssVersion();
        String name = client.poolName() != null ? client.poolName() : client.clientName();
        return new PageBranding(branding.css() == null ? null : "/branding/" + client.clientId() + ".css" + version,
                branding.hasImage() ? "/branding/" + client.clientId() + "/logo" + version : null,
                (name == null ? "" : name + " ") + "logo");
    }

    /** The page with the branding's data. */
    static TemplateInstance apply(TemplateInstance page, PageBranding branding) {
        return page.data(NAME, branding);
    }
}
