package dev.cognate.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** A child process the stack started, with the log file its output goes to. */
final class ManagedProcess {

    /** After SIGKILL the kernel reaps quickly; this only bounds the wait if something is badly wrong. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final Duration OUTPUT_DRAIN_WAIT = Duration.ofSeconds(5);

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<?> outputCopied;

    /** For a process whose output the operating system writes to {@code log} directly. */
    ManagedProcess(String name, Process process, Path log) {
        this(name, process, log, CompletableFuture.completedFuture(null));
    }

    /** For a process whose output this JVM copies to {@code log}; completes when the copy has reached its end. */
    ManagedProcess(String name, Process process, Path log, CompletableFuture<?> outputCopied) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.outputCopied = outputCopied;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Only meaningful once the process has exited. */
    int exitCode() {
        return process.exitValue();
    }

    /** True once the process has exited, false if it is still running after {@code timeout}. */
    boolean awaitExit(Duration timeout) {
        return await(process.toHandle(), timeout);
    }

    CompletableFuture<ManagedProcess> onExit() {
        return process.onExit().thenApply(exited -> this);
    }

    /**
     * Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills it (SIGKILL); either way it also
     * ends every descendant still running, and returns only once all of them are gone.
     */
    void stop(Duration grace) {
        List<ProcessHandle> descendants = descendants();
        // Signalled through the handle: Process.destroy() would also close our end of its output pipe at once and
        // lose what it logs while shutting down.
        ProcessHandle handle = process.toHandle();
        if (handle.isAlive()) {
            handle.destroy();
            if (!await(handle, grace)) {
                Console.warn("%s (pid %d) did not stop within %.1f s; killing it", name, pid(),
                        grace.toMillis() / 1000.0);
                descendants = Stream.concat(descendants.stream(), descendants().stream()).distinct().toList();
                handle.destroyForcibly();
                await(handle, KILL_WAIT);
            }
        }
        // Its last words (shutdown messages) are still in the pipe when it exits.
        awaitOutputCopied();
        // A well-behaved process has already ended its children; these are the ones it left behind.
        for (ProcessHandle orphan : descendants.stream().filter(ProcessHandle::isAlive).toList()) {
            Console.warn("%s left pid %d running; stopping it", name, orphan.pid());
            orphan.destroy();
            if (!await(orphan, grace)) {
                orphan.destroyForcibly();
                await(orphan, KILL_WAIT);
            }
        }
    }

    /** The last {@code lineCount} lines of the log, for error messages. */
    String logTail(int lineCount) {
        Deque<String> tail = new ArrayDeque<>(lineCount);
        // InputStreamReader replaces malformed bytes instead of failing, unlike Files.lines.
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (tail.size() == lineCount) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            }
        } catch (IOException e) {
            return "(could not read " + log + ": " + e.getMessage() + ")";
        }
        return String.join(System.lineSeparator(), tail);
    }

    private void awaitOutputCopied() {
        try {
            outputCopied.get(OUTPUT_DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // A grandchild may still hold the pipe open; the log keeps what arrived.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    private static boolean await(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
