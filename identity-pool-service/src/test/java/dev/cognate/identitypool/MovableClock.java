package dev.cognate.identitypool;

import dev.cognate.testkit.OffsetClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The clock of identity-pool-service in tests ({@link OffsetClock}: the system clock plus an offset a test moves
 * forward). It replaces {@code config/ClockProducer}'s bean in every {@code @QuarkusTest}.
 */
@Alternative
@Priority(1)
@Singleton
public class MovableClock extends OffsetClock {
}
