package dev.cognate.benchmarks.load.wrk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs wrk (Debian's {@code wrk}: one event loop per thread, HTTP/1.1 keep-alive, a few percent of a core at tens of
 * thousands of requests per second) with a script of {@code benchmarks/wrk/}, for a fixed time, and answers its summary
 * and the CPU wrk itself used. The scripts come from {@code --wrk-scripts DIR}, else from the jar (a copy of
 * benchmarks/wrk made at build time), extracted to a private temporary directory.
 */
public final class Wrk implements AutoCloseable {

    /** Every file of benchmarks/wrk/, packaged in the jar under wrk/. */
    static final List<String> SCRIPTS = List.of("common.lua", "get.lua", "token.lua", "token-authorization-code.lua", "cognito-api.lua");

    private final Path scripts;
    private final Path work;
    private final int threads;
    private final int connections;
    private final Duration timeout;

    /** What a run answered. {@code clientCpuSeconds}: wrk's own CPU time (user + system). */
    public record Run(WrkSummary summary, String output, double clientCpuSeconds) {
    }

    public Wrk(Path scriptsDir, int threads, int connections, Duration timeout) {
        if (threads < 1 || threads > connections) {
            throw new IllegalArgumentException("wrk needs 1 <= threads <= connections, got " + threads + " threads, " + connections + " connections");
        }
        this.threads = threads;
        this.connections = connections;
        this.timeout = timeout;
        try {
            this.work = Files.createTempDirectory("cognate-wrk-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            this.scripts = scriptsDir != null ? scriptsDir.toAbsolutePath() : extractScripts(work.resolve("scripts"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare wrk's scripts", e);
        }
        for (String script : SCRIPTS) {
            if (!Files.isRegularFile(scripts.resolve(script))) {
                throw new IllegalArgumentException("no " + script + " in " + scripts + " (--wrk-scripts)");
            }
        }
    }

    public int threads() {
        return threads;
    }

    /** A private file for the run (codes, parameters), deleted with the work directory. */
    public Path file(String name) {
        return work.resolve(name);
    }

    /** The command line wrk runs with (without the environment: LUA_PATH points at the scripts). */
    List<String> command(URI base, WrkRequest request, Duration duration, Path paramFile) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        long timeoutSeconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        List<String> command = new ArrayList<>(List.of("wrk", "-t", Integer.toString(threads), "-c", Integer.toString(connections),
                "-d", seconds + "s", "--timeout", timeoutSeconds + "s", "--latency",
                "-s", scripts.resolve(request.script()).toString(), origin(base), "--", "@" + paramFile));
        return command;
    }

    /** Runs wrk for {@code duration} and parses its summary; fails with wrk's output when it did not run. */
    public Run run(URI base, WrkRequest request, Duration duration) {
        try {
            Path params = Files.createTempFile(work, "params-", ".txt");
            Files.writeString(params, request.paramFile(), StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command(base, request, duration, params)).redirectErrorStream(true);
            builder.environment().put("LUA_PATH", scripts + "/?.lua;;");
            double cpuBefore = ownChildrenCpuSeconds();
            Process wrk;
            try {
                wrk = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot run wrk (apt-get install wrk): " + e.getMessage(), e);
            }
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(wrk.getInputStream()));
            if (!wrk.waitFor(duration.plus(timeout).plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
                wrk.destroyForcibly();
                throw new IllegalStateException("wrk did not end in time; stopped it");
            }
            String text = output.join();
            double clientCpu = ownChildrenCpuSeconds() - cpuBefore;
            Files.deleteIfExists(params);
            if (wrk.exitValue() != 0) {
                throw new IllegalStateException("wrk exited with " + wrk.exitValue() + ":\n" + text);
            }
            return new Run(WrkSummary.parse(text), text, clientCpu);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code scheme://host:port} of the endpoint: the scripts give the path. */
    static String origin(URI base) {
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    @Override
    public void close() {
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    /** CPU seconds of this JVM's ended, waited-for children (cutime + cstime): wrk's, once it has been reaped. */
    private static double ownChildrenCpuSeconds() {
        try {
            var stat = dev.cognate.benchmarks.load.server.ProcStat.parse(Files.readString(Path.of("/proc/self/stat")));
            return (stat.cutime() + stat.cstime()) / dev.cognate.benchmarks.load.server.ProcStat.CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static Path extractScripts(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (String script : SCRIPTS) {
            try (InputStream in = Wrk.class.getResourceAsStream("/wrk/" + script)) {
                if (in == null) {
                    throw new IllegalStateException("wrk/" + script + " is not in the jar: give --wrk-scripts benchmarks/wrk");
                }
                Files.copy(in, directory.resolve(script), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return directory;
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
