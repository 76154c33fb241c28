package dev.cognate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupArchiveTests {

    private static final List<String> OPTIONS = List.of("-Xmx96m", "-XX:+UseSerialGC");

    @TempDir
    Path temp;

    /**
     * The whole cycle on this JDK: a first run writes the archive when it is stopped with SIGTERM (as the stack stops
     * a service), and the next run loads its classes from it.
     */
    @Test
    void aRunStoppedBySigtermLeavesAnArchiveThatTheNextRunLoadsItsClassesFrom() throws Exception {
        Path app = appWithProbeJar();
        StartupArchive first = archive(app);
        assertThat(first.jvmOptions()).anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));

        Process dumping = startProbe(app, first.jvmOptions());
        awaitLine(dumping, "probe ready");
        dumping.destroy(); // SIGTERM
        assertThat(dumping.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.settle(dumping.exitValue())).as("exit code %d", dumping.exitValue()).isTrue();
        assertThat(first.file()).isRegularFile();

        StartupArchive second = archive(app);
        assertThat(second.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + first.file());
        List<String> mapping = new ArrayList<>(second.jvmOptions());
        mapping.add("-Xlog:class+load=info");
        Process reading = startProbe(app, mapping);
        List<String> output = awaitLine(reading, "probe ready");
        reading.destroy();
        reading.waitFor(60, TimeUnit.SECONDS);
        assertThat(output).anyMatch(line -> line.contains(ArchiveProbe.class.getName())
                && line.contains("shared objects file (top)"));
    }

    @Test
    void aRunThatDidNotExitCleanlyLeavesNoArchiveSoThatATruncatedFileIsNeverMapped() throws IOException {
        StartupArchive archive = archive(appWithProbeJar());
        Path part = partOf(archive);
        Files.writeString(part, "half an archive");

        assertThat(archive.settle(137)).isFalse(); // SIGKILL after the grace period

        assertThat(part).doesNotExist();
        assertThat(archive.file()).doesNotExist();
        assertThat(archive.jvmOptions()).anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aRebuildGetsANewArchiveAndKeepingItDeletesTheOldOne() throws IOException {
        Path app = appWithProbeJar();
        StartupArchive before = archive(app);
        Files.writeString(partOf(before), "archive of the first build");
        assertThat(before.settle(143)).isTrue();

        Path jar = app.resolve("lib/main/probe.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        StartupArchive after = archive(app);
        assertThat(after.file()).isNotEqualTo(before.file());
        assertThat(after.jvmOptions()).anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));

        Files.writeString(partOf(after), "archive of the rebuild");
        assertThat(after.settle(143)).isTrue();
        assertThat(after.file()).isRegularFile();
        assertThat(before.file()).doesNotExist();
    }

    @Test
    void otherJvmOptionsGetAnotherArchive() throws IOException {
        Path app = appWithProbeJar();

        assertThat(StartupArchive.fingerprint(app, List.of("-Xmx96m")))
                .isEqualTo(StartupArchive.fingerprint(app, List.of("-Xmx96m")))
                .isNotEqualTo(StartupArchive.fingerprint(app, List.of("-Xmx64g")));
    }

    /** A JVM writing an archive refuses to start with a native agent, e.g. a debugger given in COGNATE_LOCAL_JVM_OPTIONS. */
    @Test
    void aRunWithADebuggerOrProfilerAgentMapsAnExistingArchiveButNeverWritesOne() throws IOException {
        Path app = appWithProbeJar();
        List<String> debugging = new ArrayList<>(OPTIONS);
        debugging.add("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=5005");
        StartupArchive archive = StartupArchive.of("hosted-ui-service", app, debugging, temp.resolve("cds"), Map.of())
                .orElseThrow();

        assertThat(archive.jvmOptions()).isEmpty();
        assertThat(archive.writesOnExit()).isFalse();

        StartupArchive usual = archive(app);
        Files.writeString(partOf(usual), "an archive an earlier run without the agent wrote");
        assertThat(usual.settle(143)).isTrue();
        assertThat(archive.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + usual.file());
    }

    @Test
    void isSwitchedOffByTheStacksEnvironment() throws IOException {
        assertThat(StartupArchive.of("hosted-ui-service", appWithProbeJar(), OPTIONS, temp.resolve("cds"),
                Map.of(StartupArchive.SWITCH_VARIABLE, "off"))).isEmpty();
    }

    private StartupArchive archive(Path app) throws IOException {
        return StartupArchive.of("hosted-ui-service", app, OPTIONS, temp.resolve("cds"), Map.of()).orElseThrow();
    }

    private static Path partOf(StartupArchive archive) {
        return archive.file().resolveSibling(archive.file().getFileName() + ".part");
    }

    /** A fast-jar-like directory with one jar holding {@link ArchiveProbe} (CDS archives classes from jars only). */
    private Path appWithProbeJar() throws IOException {
        Path app = temp.resolve("quarkus-app");
        Path jar = app.resolve("lib/main/probe.jar");
        if (Files.exists(jar)) {
            return app;
        }
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ArchiveProbe.class.getName());
        String entry = ArchiveProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
                InputStream classFile = ArchiveProbe.class.getClassLoader().getResourceAsStream(entry)) {
            jarOut.putNextEntry(new JarEntry(entry));
            classFile.transferTo(jarOut);
            jarOut.closeEntry();
        }
        return app;
    }

    private static Process startProbe(Path app, List<String> archiveOptions) throws IOException {
        List<String> options = new ArrayList<>(OPTIONS);
        options.addAll(archiveOptions);
        return new ProcessBuilder(JavaCommand.jar(options, app.resolve("lib/main/probe.jar")))
                .redirectErrorStream(true).start();
    }

    /** The process's output up to and including {@code expected}. */
    private static List<String> awaitLine(Process process, String expected) throws IOException {
        List<String> lines = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null && Instant.now().isBefore(deadline); line = reader.readLine()) {
            lines.add(line);
            if (line.equals(expected)) {
                // keep draining so the process never blocks on a full pipe
                Thread drain = new Thread(() -> {
                    try {
                        reader.transferTo(Writer.nullWriter());
                    } catch (IOException e) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return lines;
            }
        }
        throw new AssertionError("no \"" + expected + "\" from the process; it wrote: " + lines);
    }
}
