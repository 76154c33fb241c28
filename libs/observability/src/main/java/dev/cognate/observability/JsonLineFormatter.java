package dev.cognate.observability;

import org.jboss.logmanager.ExtLogRecord;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One log record as one line of JSON: {@code timestamp} (ISO-8601, UTC), {@code level}, {@code loggerName},
 * {@code message} (formatted with its parameters, as the text log prints it), {@code threadName}, {@code mdc} and, when
 * the record carries one, {@code exception} (the whole stack trace as one string).
 *
 * <p>Written by hand rather than with jboss-logmanager's {@code JsonFormatter}: that one needs Jakarta JSON Processing
 * from the class loader of jboss-logmanager itself, which in a packaged Quarkus application is the boot class path, where
 * the application's jars (and so Jakarta JSON) are not. This class is loaded with the application and only escapes
 * strings (RFC 8259), so it works wherever the handler calls it.
 */
public final class JsonLineFormatter extends Formatter {

    /** The MDC keys of quarkus-opentelemetry that name the current trace and span. */
    private static final List<String> TRACE_FIELDS = List.of("traceId", "spanId");

    @Override
    public String format(LogRecord record) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "timestamp", Instant.ofEpochMilli(record.getMillis()).toString()).append(',');
        field(json, "level", record.getLevel().getName()).append(',');
        field(json, "loggerName", record.getLoggerName()).append(',');
        field(json, "message", record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : formatMessage(record));
        if (record instanceof ExtLogRecord ext) {
            json.append(',');
            field(json, "threadName", ext.getThreadName());
            Map<String, String> mdc = new TreeMap<>(ext.getMdcCopy());
            for (String traceField : TRACE_FIELDS) {
                if (mdc.get(traceField) != null) {
                    json.append(',');
                    field(json, traceField, mdc.get(traceField));
                }
            }
            json.append(",\"mdc\":{");
            boolean first = true;
            for (Map.Entry<String, String> entry : mdc.entrySet()) {
                if (!first) {
                    json.append(',');
                }
                field(json, entry.getKey(), entry.getValue());
                first = false;
            }
            json.append('}');
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            json.append(',');
            field(json, "exception", trace.toString());
        }
        return json.append("}\n").toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        string(json, name).append(':');
        return value == null ? json.append("null") : string(json, value);
    }

    /** A JSON string: quotes, backslashes and every control character escaped. */
    static StringBuilder string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
