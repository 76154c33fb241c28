package dev.cognate.userpool.oauth;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * CORS for single-page apps on {@code /oauth2/token}, {@code /oauth2/userInfo} and {@code /oauth2/revoke}, as Cognito
 * allows it: any origin (a public client proves itself with PKCE, a confidential one with its secret; no cookie is
 * ever read, so no credentials mode), the {@code Authorization} and {@code Content-Type} headers, and
 * {@code WWW-Authenticate} readable by the page. Preflights are answered here, before the resources.
 */
@ApplicationScoped
public class OAuthCors {

    static final String PATHS = "^/oauth2/(token|userInfo|revoke)$";

    void mount(@Observes Router router) {
        router.routeWithRegex(HttpMethod.OPTIONS, PATHS).order(-10).handler(OAuthCors::preflight);
        router.routeWithRegex(PATHS).order(-9).handler(context -> {
            allowOrigin(context);
            context.next();
        });
    }

    private static void preflight(RoutingContext context) {
        allowOrigin(context);
        context.response().setStatusCode(204)
                .putHeader("Access-Control-Allow-Methods", context.request().path().endsWith("userInfo") ? "GET, POST, OPTIONS" : "POST, OPTIONS")
                .putHeader("Access-Control-Allow-Headers", "authorization, content-type")
                .putHeader("Access-Control-Max-Age", "86400")
                .end();
    }

    private static void allowOrigin(RoutingContext context) {
        context.response().putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Access-Control-Expose-Headers", "WWW-Authenticate");
    }
}
