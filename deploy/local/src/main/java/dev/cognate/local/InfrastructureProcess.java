package dev.cognate.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.cognate.testkit.InfraMain;

/**
 * PostgreSQL, Redis and Kafka, run by the testkit's {@code InfraMain} in a child JVM. Its output is copied to the log
 * while watching for the line that says everything accepts clients. Its stdin stays open: InfraMain stops when it
 * reaches EOF, so the infrastructure ends even if this JVM is killed outright.
 */
final class InfrastructureProcess {

    static final String NAME = "infrastructure";
    /** Time between a process closing its output and the kernel reporting it gone. */
    private static final Duration OUTPUT_TO_EXIT = Duration.ofSeconds(10);

    private final ManagedProcess process;
    private final CompletableFuture<String> readyLine;

    private InfrastructureProcess(ManagedProcess process, CompletableFuture<String> readyLine) {
        this.process = process;
        this.readyLine = readyLine;
    }

    static InfrastructureProcess start(StackLayout layout, InfraPorts ports) throws IOException {
        Files.createDirectories(layout.dataDir());
        List<String> command = JavaCommand.mainClass(JavaCommand.ownClasspath(), InfraMain.class.getName(), List.of(
                "--data-dir", layout.dataDir().toString(),
                "--postgres-port", Integer.toString(ports.postgres()),
                "--redis-port", Integer.toString(ports.redis()),
                "--kafka-port", Integer.toString(ports.kafka())));
        Path log = layout.logFile(NAME);
        Process process = new ProcessBuilder(command)
                .directory(layout.stateDir().toFile())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<String> readyLine = new CompletableFuture<>();
        CompletableFuture<Void> outputCopied = new CompletableFuture<>();
        Thread copier = new Thread(() -> {
            copyOutput(process, log, readyLine);
            outputCopied.complete(null);
        }, NAME + "-output");
        copier.setDaemon(true);
        copier.start();
        return new InfrastructureProcess(new ManagedProcess(NAME, process, log, outputCopied), readyLine);
    }

    ManagedProcess process() {
        return process;
    }

    /** Returns InfraMain's ready line once PostgreSQL, Redis and Kafka all accept clients. */
    String awaitReady(Duration timeout) throws StartupException, InterruptedException {
        try {
            return readyLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StartupException("PostgreSQL, Redis and Kafka were not ready after " + timeout.toSeconds()
                    + " s", process);
        } catch (ExecutionException e) {
            if (process.awaitExit(OUTPUT_TO_EXIT)) {
                throw StartupException.exited(process, "before PostgreSQL, Redis and Kafka were ready");
            }
            throw new StartupException(NAME + " closed its output before it was ready", process);
        }
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<String> readyLine) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                logWriter.write(line);
                logWriter.write(System.lineSeparator());
                logWriter.flush();
                if (line.startsWith(InfraMain.READY_MARKER)) {
                    readyLine.complete(line);
                }
            }
        } catch (IOException e) {
            Console.warn("Stopped copying the %s output to %s: %s", NAME, log, e.getMessage());
        } finally {
            readyLine.completeExceptionally(new IllegalStateException(NAME + " output ended"));
        }
    }
}
