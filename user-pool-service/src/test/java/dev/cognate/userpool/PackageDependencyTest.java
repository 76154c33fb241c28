package dev.cognate.userpool;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages that must not form a cycle: {@code auth/} (sign-in flows and challenges) uses {@code service/} (the
 * directory and its write paths), so {@code service/} must never name anything of {@code auth/}; {@code api/} (routes)
 * mounts {@code action/} (one class per action), so {@code action/} must never name anything of {@code api/} — neither
 * by import nor by a fully qualified name. Read from the sources, so it needs no bytecode tool.
 */
class PackageDependencyTest {

    private static final Path MAIN = Path.of("src/main/java/dev/cognate/userpool");

    @Test
    void serviceNamesNothingOfAuth() throws IOException {
        assertThat(references(MAIN.resolve("service"), "dev.cognate.userpool.auth.")).isEmpty();
    }

    @Test
    void actionNamesNothingOfApi() throws IOException {
        assertThat(references(MAIN.resolve("action"), "dev.cognate.userpool.api.")).isEmpty();
    }

    @Test
    void theCheckFindsAReferenceWhereOneExists() throws IOException {
        assertThat(references(MAIN.resolve("auth"), "dev.cognate.userpool.service.")).as("auth/ does use service/").isNotEmpty();
    }

    /** Every line of the package's sources that names {@code prefix}, as {@code File.java: line}. */
    private static List<String> references(Path packageDirectory, String prefix) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(packageDirectory)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.contains(prefix)) {
                        found.add(file.getFileName() + ": " + line.strip());
                    }
                }
            }
        }
        return found;
    }
}
