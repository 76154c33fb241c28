package dev.cognate.userpool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cognate.testkit.LandedMigrations;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fails when a Flyway migration of this service that already landed is edited or deleted (Flyway would refuse to start
 * on every database that ran it), or when a new one is not yet in {@code db/landed-migrations.sha256}. The message
 * says what to do: restore the file and add a new migration, or add the printed manifest line.
 */
class LandedMigrationsTest {

    @Test
    void landedMigrationsAreUnchanged() {
        assertEquals(List.of(), LandedMigrations.problems(Path.of("src/main/resources/db/migration"),
                Path.of("src/test/resources/db/landed-migrations.sha256")));
    }

    /**
     * The outbox migration of libs/outbox runs in user-pool-service, identity-pool-service and trigger-runner (their
     * {@code db/outbox} location): it is checked once, here.
     */
    @Test
    void sharedOutboxMigrationIsUnchanged() {
        assertEquals(List.of(), LandedMigrations.problems(Path.of("../libs/outbox/src/main/resources/db/outbox"),
                Path.of("src/test/resources/db/landed-event-migrations.sha256")));
    }
}
