package dev.cognate.hostedui.web;

import dev.cognate.hostedui.config.HostedUiConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers on every response of this service (pages, error pages, static files, Quarkus' own 404s), set
 * in one Vert.x filter so that no page can forget them.
 * <ul>
 * <li>{@code Content-Security-Policy}: only this origin's stylesheet, images and (later) scripts; no inline code,
 * no framing. No {@code form-action}: browsers apply it to the redirect after a form post, which would block the
 * redirect to the app's callback URL.</li>
 * <li>{@code Cache-Control: no-store} on everything but {@code /static/} and {@code /branding/} (which sets its own):
 * pages carry CSRF tokens and user data.</li>
 * <li>{@code Strict-Transport-Security} only when {@code cognate.pages.hsts.enabled} (served over https).</li>
 * </ul>
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'";
    static final String STATIC_PREFIX = "/static/";
    static final String BRANDING_PREFIX = "/branding/";

    private final String hsts;

    public SecurityHeaders(HostedUiConfig config) {
        this.hsts = config.pages().hsts().enabled()
                ? "max-age=" + config.pages().hsts().maxAge().toSeconds() + "; includeSubDomains"
                : null;
    }

    void register(@Observes Filters filters) {
        filters.register(this::addHeaders, 100);
    }

    private void addHeaders(RoutingContext context) {
        boolean staticFile = context.normalizedPath().startsWith(STATIC_PREFIX) || context.normalizedPath().startsWith(BRANDING_PREFIX);
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            if (!staticFile) {
                headers.set("Cache-Control", "no-store");
                headers.remove("Last-Modified");
            }
            if (hsts != null) {
                headers.set("Strict-Transport-Security", hsts);
            }
        });
        context.next();
    }
}
