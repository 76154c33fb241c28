package dev.cognate.triggers.api;

import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.triggers.config.TriggerRunnerConfig;
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
 * Serves trigger-runner's internal API ({@link InternalRoutes#PREFIX}{@code /*}: user-pool-service's trigger calls) on
 * its own port ({@code cognate.internal-api.port}, 8094 by default), never on the public one, as user-pool-service
 * serves its own: a second Vert.x HTTP server on the application's router, and a first route that answers 404 to
 * {@code /internal} on the public port and to anything else on the internal port. The listener a request came
 * through is told by its local port.
 */
@ApplicationScoped
public class InternalPort {

    private static final Logger LOG = Logger.getLogger(InternalPort.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final TriggerRunnerConfig.InternalApi config;
    private volatile HttpServer server;

    public InternalPort(TriggerRunnerConfig config) {
        this.config = config.internalApi();
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
