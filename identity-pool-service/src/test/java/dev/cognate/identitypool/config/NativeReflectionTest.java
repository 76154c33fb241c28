package dev.cognate.identitypool.config;

import dev.cognate.testkit.RegisteredRecords;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A native image binds with Jackson only what was registered for reflection: every record of this service and of the
 * libraries it uses must be listed in {@link NativeReflection} (native images are not built on these machines, so this
 * is the check that keeps the native profile correct on paper).
 */
class NativeReflectionTest {

    private static final String[] PACKAGES = {"dev.cognate.identitypool", "dev.cognate.events", "dev.cognate.awsprotocol", "dev.cognate.internalapi", "dev.cognate.tokens"};

    @Test
    void everyRecordOfTheServiceAndItsLibrariesIsRegisteredForReflection() {
        assertThat(RegisteredRecords.differences(NativeReflection.class, PACKAGES)).isEmpty();
    }

    @Test
    void theScanSeesRecordsInTheLibrariesJarsAndNestedOnes() {
        assertThat(RegisteredRecords.recordsIn(PACKAGES)).contains("dev.cognate.events.CloudEvent")
                .anyMatch(name -> name.startsWith("dev.cognate.identitypool.")).anyMatch(name -> name.contains("$"));
    }
}
