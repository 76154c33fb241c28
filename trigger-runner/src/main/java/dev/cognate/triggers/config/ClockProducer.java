package dev.cognate.triggers.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one source of the current time for trigger-runner. Code that reads the time injects {@link Clock} (never
 * {@code Instant.now()}), so tests can move time instead
 * of editing rows. A test replaces it with an alternative bean.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
