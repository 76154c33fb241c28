package dev.cognate.observability;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

import java.util.logging.Formatter;
import java.util.logging.Handler;

/**
 * Puts the console log in JSON: one object per line with {@code timestamp} (ISO-8601, UTC), {@code level},
 * {@code loggerName}, {@code message} (already formatted with its parameters, as the text log prints it),
 * {@code threadName}, {@code mdc} and, when the record carries one, {@code exception} (the stack trace as
 * one string, so a log collector keeps it with its line). Caller details (source class, file, line) are not
 * computed: they cost a stack walk per record.
 *
 * <p>The Quarkus logging-json extension is not available to this build, so {@link JsonLineFormatter} writes the lines;
 * Quarkus nests its console handler inside other handlers (the delayed start-up handler, possibly an async one), so the
 * installer walks the handler tree from the root logger.
 */
public final class JsonConsoleLog {

    private JsonConsoleLog() {
    }

    /** The formatter installed on console handlers. */
    public static Formatter formatter() {
        return new JsonLineFormatter();
    }

    /** Installs the JSON formatter on every console handler of the log context's root logger; returns how many. */
    public static int install(LogContext context) {
        Formatter json = formatter();
        int installed = 0;
        for (Handler handler : context.getLogger("").getHandlers()) {
            installed += install(handler, json);
        }
        return installed;
    }

    private static int install(Handler handler, Formatter json) {
        if (handler instanceof ConsoleHandler console) {
            console.setFormatter(json);
            return 1;
        }
        int installed = 0;
        if (handler instanceof ExtHandler parent) {
            for (Handler child : parent.getHandlers()) {
                installed += install(child, json);
            }
        }
        return installed;
    }
}
