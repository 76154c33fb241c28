package dev.cognate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailedStartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aTakenKafkaPortStopsPostgresAndRedisAgainAndExplainsWhy() throws Exception {
        int[] ports = Ports.pickFree(2);
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int takenPort = squatter.getLocalPort();
            InfraOptions options = InfraOptions.persistent(dataDirectory, ports[0], ports[1], takenPort);

            assertThatThrownBy(() -> EmbeddedInfrastructure.start(options))
                    .isInstanceOf(InfrastructureStartException.class)
                    .hasMessageContaining("Kafka")
                    .hasMessageContaining("port 127.0.0.1:" + takenPort + " is already in use")
                    .hasMessageContaining("stopped again");
        }

        // PostgreSQL and Redis did start (their data directories were initialised) ...
        assertThat(Files.exists(dataDirectory.resolve("postgres").resolve("PG_VERSION"))).isTrue();
        // ... and were stopped again.
        assertThat(Ports.isFree(ports[0])).isTrue();
        assertThat(Ports.isFree(ports[1])).isTrue();
        assertThat(ServerProcesses.of(ports[0], ports[1])).isEmpty();
    }

    @Test
    void anEphemeralStartThatFailsDeletesItsTemporaryDirectory() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InfraOptions options = new InfraOptions(null, squatter.getLocalPort(), 0, 0);
            try (var before = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                long directoriesBefore = before.filter(p -> p.getFileName().toString().startsWith("cognate-infra-")).count();
                assertThatThrownBy(() -> EmbeddedInfrastructure.start(options))
                        .isInstanceOf(InfrastructureStartException.class)
                        .hasMessageContaining("PostgreSQL cannot start");
                try (var after = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                    assertThat(after.filter(p -> p.getFileName().toString().startsWith("cognate-infra-")).count())
                            .isLessThanOrEqualTo(directoriesBefore);
                }
            }
        }
    }
}
