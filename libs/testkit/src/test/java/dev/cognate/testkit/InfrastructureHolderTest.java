package dev.cognate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Attach mode and the start-once behaviour, without starting servers. */
class InfrastructureHolderTest {

    private static final Map<String, String> ATTACH_ENVIRONMENT = Map.of(
            "COGNATE_TEST_POSTGRES", "db.internal:5432",
            "COGNATE_TEST_REDIS", "cache.internal:6379",
            "COGNATE_TEST_KAFKA", "127.0.0.1:19092");

    @Test
    void attachModeReturnsTheGivenAddressesAndStartsNothing() {
        InfrastructureHolder holder = new InfrastructureHolder(ATTACH_ENVIRONMENT, () -> {
            throw new AssertionError("must not start anything in attach mode");
        });

        assertThat(holder.acquire()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "cognate.db.host", "db.internal",
                "cognate.db.port", "5432",
                "cognate.db.name", "cognate",
                "quarkus.datasource.username", "cognate",
                "quarkus.datasource.password", "cognate",
                "quarkus.redis.hosts", "redis://cache.internal:6379",
                "kafka.bootstrap.servers", "127.0.0.1:19092"));
    }

    @Test
    void restartControlsRefuseToTouchAttachedServers() {
        InfrastructureHolder holder = new InfrastructureHolder(ATTACH_ENVIRONMENT, () -> null);
        holder.acquire();

        assertThatThrownBy(holder::embedded)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("attach mode");
    }

    @Test
    void restartControlsBeforeAnyStartExplainTheRegistration() {
        InfrastructureHolder holder = new InfrastructureHolder(Map.of(), () -> null);

        assertThatThrownBy(holder::embedded)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(CognateInfraResource.class.getName());
    }

    @Test
    void aPartialAttachConfigurationIsAnError() {
        InfrastructureHolder holder = new InfrastructureHolder(
                Map.of("COGNATE_TEST_POSTGRES", "localhost:5432"), () -> null);

        assertThatThrownBy(holder::acquire)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("COGNATE_TEST_REDIS, COGNATE_TEST_KAFKA is not set");
    }

    @Test
    void aMalformedAddressIsAnError() {
        Map<String, String> environment = Map.of(
                "COGNATE_TEST_POSTGRES", "localhost",
                "COGNATE_TEST_REDIS", "localhost:6379",
                "COGNATE_TEST_KAFKA", "localhost:9092");

        assertThatThrownBy(() -> new InfrastructureHolder(environment, () -> null).acquire())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("COGNATE_TEST_POSTGRES must be host:port");
    }
}
