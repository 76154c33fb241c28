package dev.cognate.hostedui.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one source of the current time for hosted-ui-service, as in user-pool-service: code that reads the time injects
 * {@link Clock} (never {@code Instant.now()}), so tests can move time (authorization code and session expiry, cache
 * lifetimes, {@code max_age}) instead of editing stored state. A test replaces it with an alternative bean.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
