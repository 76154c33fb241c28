package dev.cognate.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code kubectl kustomize} (offline: it only reads the files) on the directories under k8s/. */
final class Kustomize {

    static final Path K8S = RepositoryPaths.ROOT.resolve("k8s");
    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)");

    private Kustomize() {
    }

    /**
     * Why the kustomize checks cannot run here, or empty when they can: kubectl must be on PATH and embed kustomize 4 or
     * later (the overlays use {@code labels}, {@code replicas} and {@code patches}). Debian bookworm's
     * {@code kubernetes-client} is kubectl 1.20 with kustomize 2, which is too old.
     */
    static Optional<String> unusableBecause() {
        Optional<Path> kubectl = kubectl();
        if (kubectl.isEmpty()) {
            return Optional.of("kubectl is not on PATH: the kustomize checks are skipped");
        }
        String version = run(List.of(kubectl.get().toString(), "version", "--client"), "kubectl version");
        Matcher kustomize = KUSTOMIZE_VERSION.matcher(version);
        if (!kustomize.find() || Integer.parseInt(kustomize.group(1)) < 4) {
            return Optional.of(kubectl.get() + " embeds no kustomize 4 or later (" + version.strip().replace('\n', ' ')
                    + "): the kustomize checks are skipped");
        }
        return Optional.empty();
    }

    /** kubectl from PATH, if installed. */
    static Optional<Path> kubectl() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String build(Path kubectl, String directory) {
        return run(List.of(kubectl.toString(), "kustomize", K8S.resolve(directory).toString()), "kubectl kustomize " + directory);
    }

    private static String run(List<String> command, String what) {
        try {
            Path output = Files.createTempFile("kustomize", ".yaml");
            Path errors = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectOutput(output.toFile())
                        .redirectError(errors.toFile())
                        .start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(what + " did not finish within 60 s");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError(what + " failed: "
                            + Files.readString(errors, StandardCharsets.UTF_8));
                }
                return Files.readString(output, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
