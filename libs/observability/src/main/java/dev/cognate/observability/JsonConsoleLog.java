package dev.cognate.observability;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.JsonFormatter;
import org.jboss.logmanager.formatters.StructuredFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Handler;

/**
 * Puts the console log in JSON: one object per line with {@code timestamp} (ISO-8601, UTC), {@code level},
 * {@code loggerName}, {@code message} (already formatted with its parameters, as the text log prints it),
 * {@code threadName}, {@code mdc} and, when the record carries one, {@code exception} (the stack trace as
 * one string, so a log collector keeps it with its line). Caller details (source class, file, line) are not
 * computed: they cost a stack walk per record.
 *
 * <p>The Quarkus logging-json extension is not available to this build; jboss-logmanager's own
 * {@link JsonFormatter} is, and Quarkus nests its console handler inside other handlers (the delayed
 * start-up handler, possibly an async one), so the installer walks the handler tree from the root logger.
 */
public final class JsonConsoleLog {

    private JsonConsoleLog() {
    }

    /** The formatter installed on console handlers. */
    public static JsonFormatter formatter() {
        Map<StructuredFormatter.Key, String> keys = new EnumMap<>(StructuredFormatter.Key.class);
        keys.put(StructuredFormatter.Key.STACK_TRACE, "exception");
        JsonFormatter json = new JsonFormatter(keys);
        json.setPrettyPrint(false);
        json.setPrintDetails(false);
        json.setZoneId("UTC");
        json.setExceptionOutputType(StructuredFormatter.ExceptionOutputType.FORMATTED);
        json.setRecordDelimiter("\n");
        return json;
    }

    /** Installs the JSON formatter on every console handler of the log context's root logger; returns how many. */
    public static int install(LogContext context) {
        JsonFormatter json = formatter();
        int installed = 0;
        for (Handler handler : context.getLogger("").getHandlers()) {
            installed += install(handler, json);
        }
        return installed;
    }

    private static int install(Handler handler, JsonFormatter json) {
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
