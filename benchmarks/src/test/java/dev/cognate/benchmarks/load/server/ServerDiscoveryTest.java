package dev.cognate.benchmarks.load.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ServerDiscoveryTest {

    @TempDir
    Path dir;

    /** The layout deploy/local/run leaves: an orchestrator with the infrastructure JVM (Redis under it) and the services; PostgreSQL detached. */
    private FakeProc localStack(Path state) throws IOException {
        Files.createDirectories(state);
        Files.writeString(state.resolve("local-stack.pid"), "500\n");
        Files.writeString(state.resolve("run-id"), "1765000000-42-777\n");
        String marker = "COGNATE_LOCAL_STACK_RUN=1765000000-42-777";
        return new FakeProc(dir.resolve("proc"))
                .process(500, "java", 1, 1, 1, 0, 0, "java -cp x dev.cognate.local.LocalStack", marker)
                .process(510, "java", 500, 1, 1, 0, 0, "java -cp x dev.cognate.testkit.InfraMain", marker)
                .process(511, "redis-server-6.", 510, 1, 1, 0, 0, "/tmp/redis-1/redis-server-6.2.6-v5-linux-amd64 127.0.0.1:16379")
                .process(520, "postgres", 1, 1, 1, 0, 0, "/tmp/embedded-pg/bin/postgres -D /repo/deploy/local/.data/postgres -p 15432", marker)
                .process(521, "postgres", 520, 1, 1, 0, 0, "postgres: checkpointer")
                .process(530, "java", 500, 1, 1, 0, 0, "java -jar /repo/user-pool-service/target/quarkus-app/quarkus-run.jar", marker)
                .process(531, "java", 500, 1, 1, 0, 0, "java -jar /repo/identity-pool-service/target/quarkus-app/quarkus-run.jar", marker)
                // another helper's test stack: a user-pool-service, PostgreSQL and Redis of its own, not this run's
                .process(900, "java", 1, 1, 1, 0, 0, "java -jar /other/user-pool-service/target/quarkus-app/quarkus-run.jar")
                .process(901, "postgres", 1, 1, 1, 0, 0, "/tmp/embedded-pg/bin/postgres -D /tmp/junit/postgres -p 46375")
                .process(902, "redis-server-6.", 1, 1, 1, 0, 0, "/tmp/redis-2/redis-server-6.2.6-v5-linux-amd64 127.0.0.1:39489");
    }

    @Test
    void findsTheStacksServicePostgresAndRedisFromItsRecords() throws IOException {
        Path state = dir.resolve("state");
        FakeProc proc = localStack(state);

        ServerDiscovery.Found found = new ServerDiscovery(proc.procFs()).find(state, "user-pool-service", 8081, 15432, 16379);

        assertThat(found.processes()).containsExactly(new ServerProcess("user-pool-service", 530),
                new ServerProcess("postgres", 520), new ServerProcess("redis", 511));
        assertThat(found.notes()).isEmpty();
        assertThat(new ServerDiscovery(proc.procFs()).find(state, "identity-pool-service", 8083, 15432, 16379).processes())
                .first().isEqualTo(new ServerProcess("identity-pool-service", 531));
    }

    @Test
    void fallsBackToListeningPortsWithoutTheStacksRecords() throws IOException {
        FakeProc proc = localStack(dir.resolve("state"))
                .connected(900, 8081, 7000) // a client connection from port 8081 is not a listener
                .listening(530, 8081, 7001, true)
                .listening(520, 15432, 7002, false)
                .listening(511, 16379, 7003, false);

        ServerDiscovery.Found found = new ServerDiscovery(proc.procFs()).find(dir.resolve("no-stack-here"), "user-pool-service",
                8081, 15432, 16379);

        assertThat(found.processes()).containsExactly(new ServerProcess("user-pool-service", 530),
                new ServerProcess("postgres", 520), new ServerProcess("redis", 511));
        assertThat(found.notes()).singleElement().asString().contains("no running local stack recorded", "looked up by port");
    }

    @Test
    void saysWhatItDidNotFind() throws IOException {
        FakeProc proc = new FakeProc(dir.resolve("proc")).process(1, "init", 0, 1, 1, 0, 0, "init");

        ServerDiscovery.Found found = new ServerDiscovery(proc.procFs()).find(dir, "user-pool-service", 8081, 15432, 0);

        assertThat(found.processes()).isEmpty();
        assertThat(found.notes()).contains("user-pool-service: not found (nothing visible listens on port 8081)",
                "postgres: not found (nothing visible listens on port 15432)", "redis: not found");
    }

    @Test
    void findsThisJvmListeningOnARealPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerDiscovery discovery = new ServerDiscovery(ProcFs.system());

            assertThat(discovery.listening("me", socket.getLocalPort()))
                    .contains(new ServerProcess("me", ProcessHandle.current().pid()));
        }
    }
}
