package dev.cognate.outbox.consumer;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventJson;
import dev.cognate.outbox.ProcessedEvents;
import dev.cognate.outbox.TraceContext;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one way a Cognate service consumes a Kafka topic of CloudEvents (DESIGN.md §4: at least once in, applied once):
 * parse → first delivery (deduplicated by CloudEvent id) → apply → acknowledge, or dead-letter with headers → back-off.
 *
 * <ol>
 * <li><b>Parse.</b> A record that is not a CloudEvents 1.0 envelope, or that {@link EventHandler#parse} refuses, is
 * dead-lettered at once ({@value #ATTEMPTS_HEADER} = 0).</li>
 * <li><b>First delivery, apply.</b> One transaction records the event id in {@code processed_events} for this
 * consumer and, the first time only, runs {@link EventHandler#apply}; a duplicate (a redelivery after a rebalance or
 * a restart before the offset commit) changes nothing.</li>
 * <li><b>Acknowledge.</b> Only after that transaction has committed; the channel's commit strategy ({@code throttled})
 * then commits the offset, so offsets never run ahead of durable work.</li>
 * <li><b>Failures.</b> {@link UnprocessableEventException} from {@code apply}: dead-lettered at once. Any other
 * failure of {@code apply}: tried again after a back-off doubling from {@code initial-backoff} to {@code max-backoff},
 * at most {@code max-attempts} attempts in all, then dead-lettered ({@link RetriesExhaustedException}). A failure
 * before {@code apply} ran (the database unreachable) is not the event's fault: it is retried with the same back-off
 * for as long as it lasts and not counted, so an outage delays events but dead-letters none.</li>
 * </ol>
 *
 * Dead letters go to the channel's {@code dead-letter-queue.topic} ({@code <topic>.dlq}) through SmallRye's
 * {@code dead-letter-queue} failure strategy, which adds {@code dead-letter-topic}, {@code -partition},
 * {@code -offset} (where the record was), {@code dead-letter-exception-class-name}, {@code dead-letter-reason}
 * (the failure), {@code dead-letter-cause-class-name}, {@code dead-letter-cause}; this class adds
 * {@value #ATTEMPTS_HEADER}. The value and key are the original record's.
 *
 * <p><b>Tracing.</b> Each record is handled in a span {@code <channel> process} (kind consumer) whose parent is the
 * record's {@code traceparent} header, which {@code OutboxRelay} copies from the writer's trace: the consumer's work
 * is part of the trace of the request that wrote the event. The span is current while {@code apply} builds its work.
 *
 * <p>A channel processes its records one at a time per partition, so one key's events stay in order: a record being
 * retried holds back the ones behind it. Log lines name the record's position and the event
 * ({@link EventHandler#describe}), never the payload.
 *
 * <p>Use: an {@code @ApplicationScoped} bean with {@code @Incoming("<channel>") Uni<Void> consume(Message<String> m)}
 * that calls {@link #consume}; configuration in the README of libs/outbox.
 *
 * @param <T> the handler's reading of an event
 */
public final class IdempotentConsumer<T> {

    /** How many times {@code apply} ran before the record was dead-lettered (0: it could not be read). */
    public static final String ATTEMPTS_HEADER = "dead-letter-attempts";

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final Pool db;
    private final String channel;
    private final EventHandler<T> handler;
    private final ConsumerSettings settings;
    private final ConsumerMetrics metrics;
    private final Tracer tracer;

    public IdempotentConsumer(Pool db, String channel, EventHandler<T> handler, ConsumerSettings settings) {
        this.db = db;
        this.channel = channel;
        this.handler = handler;
        this.settings = settings;
        // Quarkus adds its Prometheus registry to Micrometer's global one; a consumer is built by its service, not by CDI.
        this.metrics = new ConsumerMetrics(Metrics.globalRegistry, channel);
        this.tracer = openTelemetry().getTracer("dev.cognate.outbox");
    }

    /** The service's OpenTelemetry (quarkus-opentelemetry's bean, a no-op while traces are off); a no-op outside CDI. */
    private static OpenTelemetry openTelemetry() {
        try {
            Instance<OpenTelemetry> bean = CDI.current().select(OpenTelemetry.class);
            return bean.isResolvable() ? bean.get() : OpenTelemetry.noop();
        } catch (IllegalStateException noContainer) {
            return OpenTelemetry.noop();
        }
    }

    /**
     * A consumer named after the service ({@code quarkus.application.name}, also its consumer group) and configured
     * from {@code cognate.consumers.<channel>.*} (see {@link ConsumerSettings#of}).
     */
    public static <T> IdempotentConsumer<T> of(Pool db, ConsumersConfig config, String channel, EventHandler<T> handler) {
        String name = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        return new IdempotentConsumer<>(db, channel, handler, ConsumerSettings.of(name, config, channel));
    }

    public ConsumerSettings settings() {
        return settings;
    }

    /** Handles one record; the returned {@code Uni} completes once it is acknowledged or dead-lettered. */
    public Uni<Void> consume(Message<String> message) {
        Span span = startSpan(message);
        return handle(message, span).onTermination().invoke((ignored, failure, cancelled) -> {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
    }

    private Span startSpan(Message<String> message) {
        Optional<IncomingKafkaRecordMetadata> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        io.opentelemetry.context.Context parent = kafka.map(k -> k.getHeaders().lastHeader(TraceContext.HEADER))
                .map(Header::value).map(value -> TraceContext.parent(new String(value, StandardCharsets.UTF_8)))
                .orElse(io.opentelemetry.context.Context.root());
        Span span = tracer.spanBuilder(channel + " process").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.operation", "process")
                .startSpan();
        kafka.ifPresent(k -> span.setAttribute("messaging.destination.name", k.getTopic())
                .setAttribute("messaging.kafka.message.offset", k.getOffset()));
        return span;
    }

    private Uni<Void> handle(Message<String> message, Span span) {
        CloudEvent envelope;
        T event;
        try {
            envelope = read(message.getPayload());
            event = handler.parse(envelope);
        } catch (RuntimeException e) {
            LOG.warnf("%s: dead-lettering a record that cannot be applied (%s): %s", channel, position(message), e.getMessage());
            return deadLetter(message, e, 0);
        }
        span.setAttribute("messaging.message.id", envelope.id());
        return attempt(message, envelope, event, 1, 0, span);
    }

    private Uni<Void> attempt(Message<String> message, CloudEvent envelope, T event, int attempt, int outageFailures, Span span) {
        AtomicBoolean applying = new AtomicBoolean();
        return db.withTransaction(tx -> ProcessedEvents.firstDelivery(tx, settings.name(), envelope.id())
                        .chain(first -> {
                            if (!first) {
                                return Uni.createFrom().item(Boolean.FALSE);
                            }
                            applying.set(true);
                            try (Scope ignored = span.makeCurrent()) {
                                return handler.apply(tx, event, attempt).replaceWith(Boolean.TRUE);
                            }
                        }))
                .onItemOrFailure().transformToUni((applied, failure) -> {
                    if (failure == null) {
                        if (applied) {
                            metrics.applied();
                        } else {
                            metrics.duplicate();
                            LOG.debugf("%s: skipped %s, applied before (%s)", channel, handler.describe(envelope, event), position(message));
                        }
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    return afterFailure(message, envelope, event, attempt, outageFailures, applying.get(), failure, span);
                });
    }

    private Uni<Void> afterFailure(Message<String> message, CloudEvent envelope, T event, int attempt, int outageFailures,
                                   boolean applying, Throwable failure, Span span) {
        String described = handler.describe(envelope, event);
        if (failure instanceof UnprocessableEventException) {
            LOG.errorf("%s: dead-lettering %s (%s): %s", channel, described, position(message), failure.getMessage());
            return failed(event, attempt, failure, false).chain(() -> deadLetter(message, failure, attempt));
        }
        if (!applying) {
            Duration wait = settings.backoff(outageFailures + 1);
            LOG.warnf("%s: %s waits for the database (%s), next try in %d ms: %s", channel, described, position(message),
                    wait.toMillis(), failure.toString());
            return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                    .chain(() -> attempt(message, envelope, event, attempt, outageFailures + 1, span));
        }
        if (attempt >= settings.maxAttempts()) {
            RetriesExhaustedException exhausted = new RetriesExhaustedException(attempt, failure);
            LOG.errorf("%s: dead-lettering %s (%s): %s", channel, described, position(message), exhausted.getMessage());
            return failed(event, attempt, failure, false).chain(() -> deadLetter(message, exhausted, attempt));
        }
        Duration wait = settings.backoff(attempt);
        LOG.warnf("%s: attempt %d of %d for %s failed (%s), next in %d ms: %s", channel, attempt, settings.maxAttempts(),
                described, position(message), wait.toMillis(), failure.toString());
        metrics.retried();
        return failed(event, attempt, failure, true)
                .onItem().delayIt().by(wait)
                .chain(() -> attempt(message, envelope, event, attempt + 1, 0, span));
    }

    private Uni<Void> failed(T event, int attempt, Throwable failure, boolean retrying) {
        return Uni.createFrom().deferred(() -> handler.failed(event, attempt, failure, retrying))
                .onFailure().recoverWithItem(hookFailure -> {
                    LOG.warnf("%s: recording the failed attempt %d failed: %s", channel, attempt, hookFailure.toString());
                    return null;
                });
    }

    private Uni<Void> deadLetter(Message<String> message, Throwable reason, int attempts) {
        metrics.deadLettered();
        RecordHeaders headers = new RecordHeaders();
        headers.add(ATTEMPTS_HEADER, Integer.toString(attempts).getBytes(StandardCharsets.UTF_8));
        return Uni.createFrom().completionStage(message.nack(reason,
                Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build())));
    }

    private static CloudEvent read(String payload) {
        if (payload == null) {
            throw new UnprocessableEventException("empty record");
        }
        try {
            CloudEvent event = EventJson.read(payload);
            if (event.id().isBlank()) {
                throw new UnprocessableEventException("the event has an empty id");
            }
            return event;
        } catch (IllegalArgumentException e) {
            throw new UnprocessableEventException(e.getMessage(), e);
        }
    }

    /** {@code topic-partition@offset}, for log lines (never the payload, which may hold personal data). */
    static String position(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> kafka.getTopic() + "-" + kafka.getPartition() + "@" + kafka.getOffset())
                .orElse("no Kafka metadata");
    }
}
