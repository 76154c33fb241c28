package dev.cognate.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset a test moves forward, so time rules (code expiry, lockout windows, key refetch
 * intervals) are tested by moving time instead of sleeping or editing rows. Each service's tests make it their
 * {@link Clock} bean with a one-line {@code @Alternative @Priority(1) @Singleton} subclass (CDI needs the bean class in
 * the service's own test sources). With no offset it is the system clock; a test that moves it calls {@link #reset()}
 * when it ends, since the application is shared by the tests.
 */
public class OffsetClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves the time forward by {@code amount} (on top of any earlier move). */
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
