package dev.cognate.triggers.service;

import dev.cognate.triggers.domain.DeliveryStatus;
import dev.cognate.triggers.domain.Medium;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/**
 * Message delivery as an operator watches it (exported at {@code /q/metrics}):
 * {@code cognate_message_deliveries_total{medium,status}} — every attempt's outcome, {@code status} as the
 * {@code deliveries} row records it ({@code delivered}, {@code retrying}, {@code failed}, {@code rejected}) — and
 * {@code cognate_message_delivery_seconds{medium}}, how long a delivered attempt took (opening the secret, the SMTP
 * or gateway round trip, the delivery row).
 */
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    public void delivered(Medium medium, Timer.Sample started) {
        started.stop(Timer.builder("cognate.message.delivery")
                .description("Duration of delivered attempts: secret opened, message sent, delivery recorded")
                .tag("medium", medium.name())
                .register(registry));
        outcome(medium, DeliveryStatus.DELIVERED);
    }

    public void outcome(Medium medium, DeliveryStatus status) {
        Counter.builder("cognate.message.deliveries")
                .description("Message delivery attempts by medium and outcome")
                .tag("medium", medium.name())
                .tag("status", status.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }
}
