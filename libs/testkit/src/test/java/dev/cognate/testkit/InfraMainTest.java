package dev.cognate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forks InfraMain the way the local stack does and checks it never leaves servers behind. */
class InfraMainTest {

    @TempDir
    Path workDirectory;

    private Process infraMain;

    @AfterEach
    void killLeftovers() {
        if (infraMain != null && infraMain.isAlive()) {
            infraMain.destroyForcibly();
        }
    }

    @Test
    void stopsEverythingWhenStdinReachesEof() throws Exception {
        infraMain = fork();
        Map<String, String> addresses = awaitReady(infraMain);
        assertListening(addresses);

        infraMain.getOutputStream().close(); // what happens when the parent process dies

        assertThat(infraMain.waitFor(30, TimeUnit.SECONDS)).as("InfraMain exited").isTrue();
        assertThat(infraMain.exitValue()).isZero();
        assertStopped(addresses);
    }

    @Test
    void stopsEverythingOnSigterm() throws Exception {
        infraMain = fork("--ignore-stdin");
        Map<String, String> addresses = awaitReady(infraMain);
        assertListening(addresses);

        infraMain.destroy(); // SIGTERM

        assertThat(infraMain.waitFor(30, TimeUnit.SECONDS)).as("InfraMain exited").isTrue();
        assertStopped(addresses);
    }

    @Test
    void parsesItsCommandLine() {
        InfraMainArguments arguments = InfraMainArguments.parse("--data-dir", "deploy/local/.data",
                "--postgres-port", "15432", "--redis-port", "16379", "--kafka-port", "19092");
        assertThat(arguments.options().dataDirectory()).isEqualTo(Path.of("deploy/local/.data").toAbsolutePath());
        assertThat(arguments.options().postgresPort()).isEqualTo(15432);
        assertThat(arguments.options().redisPort()).isEqualTo(16379);
        assertThat(arguments.options().kafkaPort()).isEqualTo(19092);
        assertThat(arguments.watchStdin()).isTrue();

        InfraMainArguments defaults = InfraMainArguments.parse("--ignore-stdin");
        assertThat(defaults.options()).isEqualTo(InfraOptions.ephemeral());
        assertThat(defaults.watchStdin()).isFalse();
    }

    private Process fork(String... extraArguments) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Short-lived JVM on a busy 2-core machine: C1 only and the serial collector start fastest.
        var command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), InfraMain.class.getName()));
        command.addAll(List.of(extraArguments));
        return new ProcessBuilder(command)
                .redirectError(workDirectory.resolve("infra-main.log").toFile())
                .start();
    }

    /** Reads stdout until the READY line; returns its key=value pairs. */
    private Map<String, String> awaitReady(Process process) throws Exception {
        BufferedReader stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(line).as("first stdout line; stderr: %s", stderr()).startsWith(InfraMain.READY_MARKER + " ");
        Map<String, String> addresses = new HashMap<>();
        for (String pair : line.substring(InfraMain.READY_MARKER.length() + 1).split(" ")) {
            String[] keyAndValue = pair.split("=", 2);
            addresses.put(keyAndValue[0], keyAndValue[1]);
        }
        assertThat(addresses).containsOnlyKeys("postgres", "redis", "kafka");
        return addresses;
    }

    private static void assertListening(Map<String, String> addresses) {
        addresses.values().forEach(address -> assertThat(Ports.isListening(port(address))).as(address).isTrue());
    }

    private void assertStopped(Map<String, String> addresses) throws IOException {
        for (String address : addresses.values()) {
            assertThat(Ports.isFree(port(address))).as("%s is free; stderr: %s", address, stderr()).isTrue();
        }
        assertThat(ServerProcesses.of(port(addresses.get("postgres")), port(addresses.get("redis")))).isEmpty();
        assertThat(Files.readString(workDirectory.resolve("infra-main.log"))).contains("Embedded infrastructure stopped");
    }

    private String stderr() {
        try {
            return Files.readString(workDirectory.resolve("infra-main.log"));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }
}
