package dev.cognate.triggers.invoke;

import dev.cognate.internalapi.TriggerInvocation.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Trigger calls as an operator watches them ({@code /q/metrics}): {@code cognate_trigger_invocations_total{trigger,outcome}}
 * and {@code cognate_trigger_invocations_seconds{trigger,outcome}} (a call's whole duration, retries included), outcome
 * in lower case ({@code answered}, {@code function_error}, {@code invalid_response}, {@code no_answer}). The timer is
 * registered as {@code ...invocations.seconds} so its name does not collide with the counter's in Micrometer (Prometheus
 * keeps a single {@code _seconds}).
 */
final class TriggerMetrics {

    private static final Pattern TRIGGER_NAME = Pattern.compile("[A-Za-z]{1,40}");

    private final MeterRegistry registry;

    TriggerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String trigger, Outcome outcome, long durationNanos) {
        // The caller names the trigger; only a plausible member name becomes a tag, so the series stay few.
        String triggerTag = trigger != null && TRIGGER_NAME.matcher(trigger).matches() ? trigger : "unknown";
        String outcomeTag = outcome.name().toLowerCase(Locale.ROOT);
        Counter.builder("cognate.trigger.invocations")
                .description("Synchronous trigger calls by trigger and outcome")
                .tag("trigger", triggerTag).tag("outcome", outcomeTag)
                .register(registry).increment();
        Timer.builder("cognate.trigger.invocations.seconds")
                .description("Duration of synchronous trigger calls, retries included")
                .tag("trigger", triggerTag).tag("outcome", outcomeTag)
                .register(registry).record(durationNanos, TimeUnit.NANOSECONDS);
    }
}
