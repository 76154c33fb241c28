package dev.cognate.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A service's class-data-sharing archive (the JDK's dynamic AppCDS, JDK 13+): the classes a service loaded in an earlier
 * run, parsed and verified once and mapped from a file on the next start instead of being read from the jars again.
 * It takes most of a start's class loading away (benchmarks/README.md, "Memory and start-up (issue 16)").
 *
 * <p>The first start of a build has no archive: it runs with {@code -XX:ArchiveClassesAtExit}, so the JVM writes every
 * class it loaded (start-up and whatever requests it served) when the stack stops it. The file is written to a
 * {@code .part} name and becomes the archive only when that service exited by itself after the stop signal
 * ({@link #settle}): a JVM killed while writing leaves a truncated file, which must never be mapped. Later starts run
 * with {@code -XX:SharedArchiveFile}.
 *
 * <p>An archive is only valid for the exact JVM and jars it was made from. Its name carries a fingerprint of both
 * (the Java installation, the JVM options, and every file of the service's {@code target/quarkus-app} by path, size
 * and modification time), so a rebuild or another JDK simply starts a new archive; the JVM also checks the jars itself
 * and ignores an archive that does not match ({@code -Xshare:auto}, the default), so a stale one costs the speed-up
 * only, never correctness. Archives of earlier builds are deleted when a new one is kept.
 *
 * <p>{@value #SWITCH_VARIABLE}{@code =off} in the stack's environment turns this off.
 */
final class StartupArchive {

    static final String SWITCH_VARIABLE = "COGNATE_LOCAL_CDS";
    private static final String SUFFIX = ".jsa";
    private static final String PART_SUFFIX = SUFFIX + ".part";
    /** A JVM ends with 143 (128 + SIGTERM) when it stops on the stack's signal, 0 when it exits on its own. */
    private static final List<Integer> CLEAN_EXIT_CODES = List.of(0, 143);
    /**
     * How long a service that writes its archive may take to stop. Writing takes a few seconds on an idle machine (the
     * JVM links and copies some 6,000–9,000 classes), but about 20 s was measured for one service on a saturated one,
     * longer than a service's usual grace: a service killed before it finishes leaves no archive.
     */
    static final Duration WRITING_GRACE = Duration.ofSeconds(60);

    private final String service;
    private final Path directory;
    private final Path archive;
    private final boolean mayWrite;

    private StartupArchive(String service, Path directory, String fingerprint, boolean mayWrite) {
        this.service = service;
        this.directory = directory;
        this.archive = directory.resolve(service + "-" + fingerprint + SUFFIX);
        this.mayWrite = mayWrite;
    }

    /**
     * The archive of this build of {@code service}, or empty when {@value #SWITCH_VARIABLE} is {@code off}.
     *
     * @param appDirectory the service's {@code target/quarkus-app}
     * @param jvmOptions the options it runs with (heap settings decide how class pointers are encoded)
     */
    static Optional<StartupArchive> of(String service, Path appDirectory, List<String> jvmOptions,
            Path archiveDirectory, Map<String, String> stackEnvironment) throws IOException {
        if ("off".equalsIgnoreCase(stackEnvironment.getOrDefault(SWITCH_VARIABLE, "").trim())) {
            return Optional.empty();
        }
        Files.createDirectories(archiveDirectory);
        // A JVM writing an archive refuses to start with a native agent ("CDS dumping does not support native JVMTI
        // agent"): a debugger (-agentlib:jdwp) or a profiler given in COGNATE_LOCAL_JVM_OPTIONS. Such a run maps an
        // existing archive but does not write one.
        boolean nativeAgent = jvmOptions.stream().anyMatch(StartupArchive::isNativeAgent);
        return Optional.of(new StartupArchive(service, archiveDirectory, fingerprint(appDirectory, jvmOptions), !nativeAgent));
    }

    Path file() {
        return archive;
    }

    /** True when this run makes the archive (none of this build yet), which it writes as it stops. */
    boolean writesOnExit() {
        return mayWrite && !Files.isRegularFile(archive);
    }

    /** Map the archive when this build has one; otherwise make it during this run (if it may). */
    List<String> jvmOptions() {
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        if (!mayWrite) {
            return List.of();
        }
        // -Xlog:cds=off: the dump lists every class it leaves out (hundreds of "Skipping ...: Not linked" lines) at
        // the end of the service's log; a dump that fails leaves no file, and the next start simply tries again.
        return List.of("-XX:ArchiveClassesAtExit=" + part(), "-Xlog:cds=off");
    }

    /**
     * After the service has exited: keeps the archive it wrote if it exited cleanly, else throws the partial file
     * away. Returns true when a new archive was kept.
     */
    boolean settle(int exitCode) throws IOException {
        Path part = part();
        if (!Files.isRegularFile(part)) {
            return false;
        }
        if (!CLEAN_EXIT_CODES.contains(exitCode) || Files.size(part) == 0) {
            Files.delete(part);
            return false;
        }
        try {
            Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, archive, StandardCopyOption.REPLACE_EXISTING);
        }
        deleteOtherArchivesOfThisService();
        return true;
    }

    private Path part() {
        return directory.resolve(archive.getFileName() + ".part");
    }

    private void deleteOtherArchivesOfThisService() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, service + "-*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean ours = name.matches(Pattern.quote(service) + "-[0-9a-f]+("
                        + Pattern.quote(SUFFIX) + "|" + Pattern.quote(PART_SUFFIX) + ")");
                if (ours && !file.equals(archive)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** The JVM, its options and every file of the application, so that any change gives another archive name. */
    static String fingerprint(Path appDirectory, List<String> jvmOptions) throws IOException {
        MessageDigest digest = sha256();
        update(digest, System.getProperty("java.home"));
        update(digest, System.getProperty("java.vm.version"));
        // Agents do not change what the archive holds or how it is mapped: a run with a debugger maps the usual archive.
        jvmOptions.stream().filter(option -> !isAgent(option)).forEach(option -> update(digest, option));
        try (Stream<Path> files = Files.walk(appDirectory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                update(digest, appDirectory.relativize(file).toString());
                update(digest, Long.toString(attributes.size()));
                update(digest, Long.toString(attributes.lastModifiedTime().toMillis()));
            }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    private static boolean isNativeAgent(String option) {
        return option.startsWith("-agentlib:") || option.startsWith("-agentpath:");
    }

    private static boolean isAgent(String option) {
        return isNativeAgent(option) || option.startsWith("-javaagent:");
    }

    private static void update(MessageDigest digest, String value) {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
