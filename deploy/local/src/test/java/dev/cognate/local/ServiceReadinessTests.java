package dev.cognate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

class ServiceReadinessTests {

    @TempDir
    Path logs;

    private HttpServer health;
    private ManagedProcess process;

    @AfterEach
    void cleanUp() {
        if (health != null) {
            health.stop(0);
        }
        if (process != null) {
            process.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void returnsOnceTheServiceAnswersReady() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        CognateService service = serviceWithHealth(() -> checks.incrementAndGet() < 3 ? 503 : 200);
        process = start("exec sleep 60");

        new ServiceReadiness().awaitAll(Map.of(service, process), Duration.ofSeconds(20));

        assertThat(checks).hasValue(3);
    }

    @Test
    void failsAfterTheDeadlineWithTheLastHealthAnswer() throws Exception {
        CognateService service = serviceWithHealth(() -> 503);
        process = start("exec sleep 60");

        assertThatThrownBy(() -> new ServiceReadiness().awaitAll(Map.of(service, process), Duration.ofSeconds(1)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("fake-service was not ready after 1 s")
                .hasMessageContaining("answered 503: {\"status\":\"DOWN\"}")
                .satisfies(e -> assertThat(((StartupException) e).culprit()).contains(process));
    }

    @Test
    void failsAtOnceWhenTheServiceExits() throws Exception {
        CognateService service = serviceWithHealth(() -> 503);
        process = start("echo 'Configuration validation failed' ; exit 3");
        long startedAt = System.nanoTime();

        assertThatThrownBy(() -> new ServiceReadiness().awaitAll(Map.of(service, process), Duration.ofSeconds(60)))
                .isInstanceOf(StartupException.class)
                .hasMessage("test exited with code 3 before it was ready");
        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(Duration.ofSeconds(10));
        assertThat(process.logTail(5)).contains("Configuration validation failed");
    }

    private CognateService serviceWithHealth(java.util.function.IntSupplier status) throws IOException {
        health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/q/health/ready", exchange -> {
            int code = status.getAsInt();
            byte[] body = ("{\"status\":\"" + (code == 200 ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        health.start();
        return new CognateService("fake-service", "Fake", health.getAddress().getPort(), Map.of());
    }

    private ManagedProcess start(String script) throws IOException {
        Path log = logs.resolve("service.log");
        return new ManagedProcess("test", new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start(), log);
    }
}
