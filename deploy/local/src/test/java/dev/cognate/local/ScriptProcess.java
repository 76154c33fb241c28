package dev.cognate.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A script a journey runs beside the stack (an upstream identity provider in Node) that says on its standard output
 * when it is ready to serve.
 */
final class ScriptProcess implements AutoCloseable {

    private final Process process;
    private final String readyLine;

    private ScriptProcess(Process process, String readyLine) {
        this.process = process;
        this.readyLine = readyLine;
    }

    /**
     * Starts {@code builder}'s command and waits up to 30 s for the first output line that {@code ready} accepts.
     *
     * @param name what the script is, for the failure message
     */
    static ScriptProcess start(ProcessBuilder builder, String name, Predicate<String> ready) throws IOException, InterruptedException {
        Process process = builder.start();
        try {
            String line = firstLine(process, ready).get(30, TimeUnit.SECONDS);
            if (line == null) {
                throw new IOException(name + " ended before it was ready");
            }
            return new ScriptProcess(process, line);
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            throw new IOException(name + " did not start", e);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    /** The first line of the process's output that {@code wanted} accepts, or null when the output ends first. */
    private static CompletableFuture<String> firstLine(Process process, Predicate<String> wanted) {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** The line that said the script is ready. */
    String readyLine() {
        return readyLine;
    }

    /** Closes its standard input (scripts that watch it end themselves), then terminates it; kills it after 10 s. */
    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    private static void stop(Process process) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed: the process has ended
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
