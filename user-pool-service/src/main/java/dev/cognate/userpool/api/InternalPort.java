package dev.cognate.userpool.api;

import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.userpool.config.InternalApiConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Serves the internal API ({@link InternalRoutes#PREFIX}{@code /*}, hosted-ui-service's calls) on its own port
 * ({@code cognate.internal-api.port}, 8091 by default), never on the public one. A second Vert.x HTTP server hands its
 * requests to the application's router, so the internal routes stay ordinary JAX-RS resources; a first route on that
 * router sorts the two listeners apart: on the public port anything under {@code /internal} answers 404 with a JSON
 * error body (as if it did not exist), and on the internal port anything else answers the same 404 — the internal
 * port is not a second way into the public API. Which listener a request came through is told by its local port.
 */
@ApplicationScoped
public class InternalPort {

    private static final Logger LOG = Logger.getLogger(InternalPort.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final InternalApiConfig config;
    private volatile HttpServer server;

    public InternalPort(InternalApiConfig config) {
        this.config = config;
    }

    /** Registers the sorting route first, then starts the internal listener on the same router. */
    void mount(@Observes Router router, Vertx vertx) {
        router.route().order(Integer.MIN_VALUE).handler(this::sort);
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                    .requestHandler(router)
                    .listen()
                    .toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen for the internal API on " + config.host() + ":" + config.port(), e);
        }
        LOG.infof("internal API listening on %s:%d", config.host(), server.actualPort());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        HttpServer running = server;
        if (running != null) {
            running.close();
        }
    }

    /** The port the internal API actually listens on (the configured one, or the free one picked for 0). */
    public int port() {
        HttpServer running = server;
        if (running == null) {
            throw new IllegalStateException("the internal API listener has not started");
        }
        return running.actualPort();
    }

    private void sort(RoutingContext context) {
        HttpServer running = server;
        boolean internalListener = running != null && context.request().localAddress() != null
                && context.request().localAddress().port() == running.actualPort();
        String path = context.normalizedPath();
        boolean internalPath = path.equals(InternalRoutes.PREFIX) || path.startsWith(InternalRoutes.PREFIX + "/");
        if (internalListener == internalPath) {
            context.next();
            return;
        }
        context.response().setStatusCode(404)
                .putHeader("Content-Type", "application/json")
                .putHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                .end(new JsonObject().put("__type", "ResourceNotFoundException").put("message", "Not found.").encode());
    }
}
