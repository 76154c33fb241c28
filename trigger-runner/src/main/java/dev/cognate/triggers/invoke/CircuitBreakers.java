package dev.cognate.triggers.invoke;

import dev.cognate.triggers.config.TriggerRunnerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A circuit breaker per trigger target, in this process's memory (each replica keeps its own). Closed: calls pass.
 * After {@code failure-threshold} consecutive calls without an answer (each after its retries) it opens: calls end at
 * once as no answer ({@code CircuitOpen}), the function is not called, so a dead function does not hold every sign-up
 * for the whole timeout. After {@code open-duration} it is half-open: one trial call passes (others are still refused
 * while it runs); an answer (also the function's own error) closes it, no answer opens it again.
 *
 * <p>Gauge {@code cognate_trigger_circuit_state{target}}: 0 closed, 1 open, 2 half-open.
 *
 * <p>At most {@link #MAX_TARGETS} targets are tracked (targets come from pools' settings, which operators may change
 * without end): a new target beyond it first forgets the closed circuits, which loses at most a few consecutive
 * failures of targets that answer again, then, if every tracked circuit is open, all of them. Their gauges go too.
 */
final class CircuitBreakers {

    static final String GAUGE = "cognate.trigger.circuit.state";
    static final int MAX_TARGETS = 1_000;

    enum State {
        CLOSED(0), OPEN(1), HALF_OPEN(2);

        final int gaugeValue;

        State(int gaugeValue) {
            this.gaugeValue = gaugeValue;
        }
    }

    private final int threshold;
    private final Duration openDuration;
    private final Clock clock;
    private final MeterRegistry registry;
    private final int maxTargets;
    private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

    CircuitBreakers(TriggerRunnerConfig.CircuitBreaker config, Clock clock, MeterRegistry registry) {
        this(config, clock, registry, MAX_TARGETS);
    }

    CircuitBreakers(TriggerRunnerConfig.CircuitBreaker config, Clock clock, MeterRegistry registry, int maxTargets) {
        this.threshold = config.failureThreshold();
        this.openDuration = config.openDuration();
        this.clock = clock;
        this.registry = registry;
        this.maxTargets = maxTargets;
    }

    int trackedTargets() {
        return circuits.size();
    }

    /** Whether a call to {@code target} may go out now; a half-open circuit lets exactly one through. */
    boolean allow(String target) {
        return threshold <= 0 || circuit(target).allow();
    }

    /** The end of a call that {@link #allow}ed: {@code answered} false when it got no answer after its retries. */
    void record(String target, boolean answered) {
        if (threshold > 0) {
            circuit(target).record(answered);
        }
    }

    State state(String target) {
        Circuit circuit = circuits.get(target);
        return circuit == null ? State.CLOSED : circuit.current();
    }

    private Circuit circuit(String target) {
        Circuit existing = circuits.get(target);
        if (existing != null) {
            return existing;
        }
        if (circuits.size() >= maxTargets) {
            forget(circuit -> circuit.current() == State.CLOSED);
            if (circuits.size() >= maxTargets) {
                forget(circuit -> true);
            }
        }
        return circuits.computeIfAbsent(target, key -> {
            Circuit circuit = new Circuit();
            circuit.gauge = Gauge.builder(GAUGE, circuit, c -> c.current().gaugeValue)
                    .description("Circuit breaker of a trigger target: 0 closed, 1 open, 2 half-open")
                    .tag("target", TargetLabel.of(key))
                    .register(registry);
            return circuit;
        });
    }

    private void forget(Predicate<Circuit> which) {
        circuits.values().removeIf(circuit -> {
            if (!which.test(circuit)) {
                return false;
            }
            registry.remove(circuit.gauge);
            return true;
        });
    }

    private final class Circuit {
        private Gauge gauge;
        private int consecutiveNoAnswers;
        private Instant openedAt;
        private boolean trialRunning;

        synchronized boolean allow() {
            if (openedAt == null) {
                return true;
            }
            if (trialRunning || clock.instant().isBefore(openedAt.plus(openDuration))) {
                return false;
            }
            trialRunning = true;
            return true;
        }

        synchronized void record(boolean answered) {
            trialRunning = false;
            if (answered) {
                consecutiveNoAnswers = 0;
                openedAt = null;
                return;
            }
            consecutiveNoAnswers++;
            if (openedAt != null || consecutiveNoAnswers >= threshold) {
                openedAt = clock.instant();
            }
        }

        synchronized State current() {
            if (openedAt == null) {
                return State.CLOSED;
            }
            return trialRunning || !clock.instant().isBefore(openedAt.plus(openDuration)) ? State.HALF_OPEN : State.OPEN;
        }
    }
}
