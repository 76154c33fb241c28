package dev.cognate.triggers.invoke;

import dev.cognate.triggers.config.TriggerRunnerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Targets come from pools' settings without end: the circuits (and their gauges) kept in memory are bounded. */
class CircuitBreakersBoundTest {

    private static final int THRESHOLD = 2;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CircuitBreakers breakers = new CircuitBreakers(new TriggerRunnerConfig.CircuitBreaker() {
        @Override
        public int failureThreshold() {
            return THRESHOLD;
        }

        @Override
        public Duration openDuration() {
            return Duration.ofMinutes(1);
        }
    }, Clock.fixed(Instant.parse("2026-12-07T20:00:00Z"), ZoneOffset.UTC), registry, 10);

    @Test
    void tracksNoMoreTargetsOrGaugesThanItsBound() {
        for (int i = 0; i < 500; i++) {
            String target = "https://fn-" + i + ".example.com/hook";
            assertThat(breakers.allow(target)).isTrue();
            breakers.record(target, true);
        }

        assertThat(breakers.trackedTargets()).isBetween(1, 10);
        assertThat(registry.find(CircuitBreakers.GAUGE).gauges()).hasSize(breakers.trackedTargets());
    }

    @Test
    void keepsOpenCircuitsWhenClosedOnesCanMakeRoom() {
        String dead = "https://dead.example.com/hook";
        for (int i = 0; i < THRESHOLD; i++) {
            breakers.allow(dead);
            breakers.record(dead, false);
        }
        assertThat(breakers.state(dead)).isEqualTo(CircuitBreakers.State.OPEN);

        for (int i = 0; i < 100; i++) {
            String target = "https://fn-" + i + ".example.com/hook";
            breakers.allow(target);
            breakers.record(target, true);
        }

        assertThat(breakers.trackedTargets()).isBetween(1, 10);
        assertThat(breakers.state(dead)).as("a dead function stays cut off").isEqualTo(CircuitBreakers.State.OPEN);
        assertThat(breakers.allow(dead)).isFalse();
    }

    @Test
    void forgetsEvenOpenCircuitsRatherThanGrowWhenEveryTrackedOneIsOpen() {
        for (int i = 0; i < 50; i++) {
            String target = "https://dead-" + i + ".example.com/hook";
            for (int attempt = 0; attempt < THRESHOLD; attempt++) {
                breakers.allow(target);
                breakers.record(target, false);
            }
        }

        assertThat(breakers.trackedTargets()).isBetween(1, 10);
        assertThat(registry.find(CircuitBreakers.GAUGE).gauges()).hasSize(breakers.trackedTargets());
    }
}
