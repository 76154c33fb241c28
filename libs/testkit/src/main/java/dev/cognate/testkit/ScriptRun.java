package dev.cognate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a non-Java client (a Node or Python script) that a test drives the system with: its exit code and its
 * output (stdout and stderr together), or {@code finished == false} when it outlived its time and was killed.
 */
public record ScriptRun(boolean finished, int exitCode, String output) {

    /** Whether {@code command} runs and exits 0 here (e.g. {@code node --version}, {@code python3 -c "import boto3"}). */
    public static boolean works(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException missing) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code command} in {@code directory}, killing it after {@code timeout}. */
    public static ScriptRun run(Path directory, Duration timeout, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            // Read while it runs, so a chatty script cannot fill the pipe and stall.
            var output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            return new ScriptRun(finished, finished ? process.exitValue() : -1, output.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + command + " ran", e);
        }
    }

    /** Whether it finished in time and exited 0. */
    public boolean succeeded() {
        return finished && exitCode == 0;
    }
}
