package dev.cognate.userpool.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one source of the current time for user-pool-service. Code that reads the time injects {@link Clock} (never
 * {@code Instant.now()}), so tests can move time (code expiry, lockout windows, TOTP steps, trigger timeouts) instead
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
