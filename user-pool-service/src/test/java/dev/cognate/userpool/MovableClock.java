package dev.cognate.userpool;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of user-pool-service in tests: the system clock plus an offset a test can move forward, so that code
 * expiry, lockout windows, TOTP steps and trigger timeouts are tested by moving time rather than by editing rows. It
 * replaces {@code config/ClockProducer}'s bean in every {@code @QuarkusTest}; with no offset it is the system clock.
 * A test that moves time puts it back ({@link #reset()}) when it ends, since the application is shared.
 */
@Alternative
@Priority(1)
@Singleton
public class MovableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves the service's time forward by {@code amount} (on top of any earlier move). */
    public void advance(Duration amount) {
        offset.accumulateAndGet(amount, Duration::plus);
    }

    /** Back to the system clock. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }
}
