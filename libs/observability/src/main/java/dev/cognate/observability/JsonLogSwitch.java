package dev.cognate.observability;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logmanager.LogContext;

import java.util.logging.Logger;

/**
 * The service's JSON log switch: {@code cognate.log.json} ({@link LogConfig}) (environment {@code COGNATE_LOG_JSON}, default
 * {@code false}). When on, the console log turns to JSON ({@link JsonConsoleLog}) at start-up, before the other
 * start-up observers run; the few lines Quarkus prints before that (the runtime configuration is not readable
 * earlier) stay text.
 */
@ApplicationScoped
public class JsonLogSwitch {

    private static final Logger LOG = Logger.getLogger(JsonLogSwitch.class.getName());

    void onStart(@Observes @Priority(1) StartupEvent started, LogConfig config) {
        if (!config.json()) {
            return;
        }
        int installed = JsonConsoleLog.install(LogContext.getLogContext());
        if (installed == 0) {
            // A switch that was turned on but changed nothing must not pass silently.
            LOG.warning("cognate.log.json=true but no console log handler was found; the log stays as configured");
        }
    }
}
