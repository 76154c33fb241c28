package dev.cognate.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The W3C {@code traceparent} that carries a trace across the outbox: taken from the span current when an event is
 * written, stored with the row, sent as the Kafka record header {@value #HEADER}, and turned back into the parent of
 * the consumer's span. Nothing when no span is recording (traces off, or the request not sampled and no caller's
 * context): the event then simply starts no trace downstream.
 */
public final class TraceContext {

    /** The W3C Trace Context header, used as is for the Kafka record header. */
    public static final String HEADER = "traceparent";

    private static final W3CTraceContextPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();
    private static final TextMapSetter<Map<String, String>> SETTER = Map::put;
    private static final TextMapGetter<String> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private TraceContext() {
    }

    /** The current span's {@code traceparent}, when there is a valid one. */
    public static Optional<String> currentTraceparent() {
        if (!Span.current().getSpanContext().isValid()) {
            return Optional.empty();
        }
        Map<String, String> carrier = new HashMap<>();
        PROPAGATOR.inject(Context.current(), carrier, SETTER);
        return Optional.ofNullable(carrier.get(HEADER));
    }

    /** The context a {@code traceparent} names, as the parent of a new span; the root context for a malformed one. */
    public static Context parent(String traceparent) {
        return PROPAGATOR.extract(Context.root(), traceparent, GETTER);
    }
}
