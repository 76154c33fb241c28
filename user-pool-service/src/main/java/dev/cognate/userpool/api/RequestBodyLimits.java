package dev.cognate.userpool.api;

import dev.cognate.awsprotocol.AwsJsonRoute;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.config.ImportConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A body limit per route. The server-wide {@code quarkus.http.limits.max-body-size} must be as large as the largest
 * route's (the CSV upload of an import job, {@code cognate.import.max-upload-bytes}, 100 MiB), so on its own it would
 * let 100 MiB into every endpoint. Here each route gets its own:
 *
 * <ul>
 *   <li>{@code PUT /import-jobs/*}: {@code cognate.import.max-upload-bytes};</li>
 *   <li>everything else served by JAX-RS resources ({@code /oauth2/*}, {@code /internal/*}, discovery):
 *       {@link #DEFAULT_LIMIT}, 1 MiB, the JSON API's own limit, far above any legitimate request;</li>
 *   <li>the JSON API ({@code POST /}) is limited by {@link AwsJsonRoute} itself (1 MiB, {@code CognateAdmin.*} the import
 *       limit), which reads its body before these handlers run.</li>
 * </ul>
 *
 * A body declared too large by {@code Content-Length} is refused before it is read; a streamed (chunked) body is cut
 * off at the route's limit by the reader, which takes the limit from the request ({@code io.quarkus.max-request-size},
 * set here after Quarkus set the server-wide one). Refusals are 413 with the body clients parse: OAuth's
 * {@code {"error","error_description"}} on {@code /oauth2/*}, the JSON API's {@code {"__type","message"}} elsewhere.
 * One gap: a streamed body that passes the limit on a JAX-RS route is refused by that reader itself, which ends the
 * response at once with an empty 413 (it cannot be given a body from here). Every client we know declares the length
 * of a form or JSON body, which gets the full answer; the JSON API reads streamed bodies itself and always answers.
 *
 * <p>The internal API's own port ({@link InternalPort}) hands its requests to this same router, so its routes have these
 * limits too (1 MiB).
 */
@ApplicationScoped
public class RequestBodyLimits {

    /** The limit of every route but the import upload (and the JSON API's own, the same value). */
    public static final long DEFAULT_LIMIT = AwsJsonRoute.MAX_BODY_BYTES;

    /** Where Quarkus' HTTP layer and the JAX-RS body reader look for the current request's limit. */
    private static final String REQUEST_LIMIT_KEY = "io.quarkus.max-request-size";

    private final long importLimit;

    public RequestBodyLimits(ImportConfig importConfig) {
        this.importLimit = importConfig.maxUploadBytes();
    }

    void onStart(@Observes Router router) {
        install(router);
    }

    /** Puts the per-route limits on {@code router} (the public one, and any other serving JAX-RS routes). */
    public void install(Router router) {
        // Before Quarkus' own check (which answers 413 with an empty body), so a declared size gets a real answer...
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseDeclaredOversize);
        // ...and after it, because it sets the server-wide limit on the request, which this replaces with the route's.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(context -> {
            context.put(REQUEST_LIMIT_KEY, limitOf(context));
            context.next();
        });
    }

    long limitOf(RoutingContext context) {
        return context.request().path().startsWith("/import-jobs/") ? importLimit : DEFAULT_LIMIT;
    }

    private void refuseDeclaredOversize(RoutingContext context) {
        String declared = context.request().getHeader("Content-Length");
        long limit = limitOf(context);
        if (declared != null && isAbove(declared, limit)) {
            refuse(context, limit);
            return;
        }
        context.next();
    }

    private static boolean isAbove(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP codec refuses a malformed Content-Length before any route runs
        }
    }

    static void refuse(RoutingContext context, long limit) {
        CognitoException tooLarge = CognitoException.requestTooLarge(limit);
        if (!context.request().path().startsWith("/oauth2/")) {
            AwsJsonRoute.refuse(context, tooLarge);
            return;
        }
        // RFC 6749 §5.2 has no code for it; invalid_request is "otherwise malformed", with the reason in the description.
        String body = new JsonObject().put("error", "invalid_request").put("error_description", tooLarge.getMessage()).encode();
        context.response().setStatusCode(413)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Pragma", "no-cache")
                .putHeader("Connection", "close")
                .end(body);
    }
}
