package dev.cognate.local;

import dev.cognate.testkit.ScriptRun;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/functions' own tests ({@code node --test}: signatures good, bad and stale, handler errors, callback style,
 * the examples through serve.mjs) in the Maven build, so {@code ./mvnw -B verify} runs them. The adapter has no
 * dependencies: Node alone runs them, no {@code npm ci}.
 */
class FunctionAdapterNodeTests {

    private static final Path ADAPTER = Path.of("../functions").toAbsolutePath().normalize();

    @Test
    void theAdapterPassesItsNodeTests() throws IOException {
        assumeTrue(ScriptRun.works("node", "--version"), "needs node on the PATH (Debian's nodejs)");
        List<String> command = new ArrayList<>(List.of("node", "--test"));
        try (Stream<Path> files = Files.list(ADAPTER.resolve("test"))) {
            files.map(Path::toString).filter(name -> name.endsWith(".test.mjs")).sorted().forEach(command::add);
        }
        assertThat(command).as("test files in %s", ADAPTER.resolve("test")).hasSizeGreaterThan(2);

        ScriptRun run = ScriptRun.run(ADAPTER, Duration.ofSeconds(120), command);

        assertThat(run.succeeded()).as("node --test in deploy/functions:%n%s", run.output()).isTrue();
        assertThat(run.output()).contains("# fail 0").doesNotContain("# pass 0");
    }
}
