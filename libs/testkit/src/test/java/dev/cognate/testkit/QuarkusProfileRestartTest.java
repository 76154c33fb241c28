package dev.cognate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A test profile makes Quarkus restart the application and call the test resource again; the servers must not be
 * started a second time.
 */
@QuarkusTest
@TestProfile(QuarkusProfileRestartTest.OtherProfile.class)
class QuarkusProfileRestartTest {

    @Test
    void anotherProfileGetsTheSameServers() {
        Map<String, String> shared = TestInfrastructure.quarkusConfig();
        assertThat(ConfigProvider.getConfig().getValue("testkit.profile", String.class)).isEqualTo("other");
        for (String key : shared.keySet()) {
            assertThat(ConfigProvider.getConfig().getValue(key, String.class)).as(key).isEqualTo(shared.get(key));
        }
    }

    public static class OtherProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("testkit.profile", "other");
        }
    }
}
