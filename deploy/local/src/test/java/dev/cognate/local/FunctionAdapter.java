package dev.cognate.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * deploy/functions/serve.mjs run as a user runs it: {@code node serve.mjs HANDLER --port 0} with the pool's secret in
 * {@code WEBHOOK_SECRET}; its output goes to a log file, whose first line names the address it listens on.
 */
final class FunctionAdapter implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final String url;
    private final Path log;

    private FunctionAdapter(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** The directory of the adapter in this checkout (tests run in deploy/local). */
    static Path directory(StackLayout layout) {
        return layout.repoRoot().resolve("deploy/functions");
    }

    static FunctionAdapter start(Path adapterDirectory, String handlerFile, String webhookSecret, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("node", "serve.mjs", handlerFile, "--port", "0"))
                .directory(adapterDirectory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("WEBHOOK_SECRET", webhookSecret);
        Process process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            Matcher listening = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (listening.find()) {
                return new FunctionAdapter(process, listening.group(1), log);
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("serve.mjs " + handlerFile + " did not start: " + Files.readString(log));
    }

    /** Where it listens, e.g. {@code http://127.0.0.1:40123}. */
    String url() {
        return url;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: serve.mjs closes its server and exits
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
