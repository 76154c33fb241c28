package dev.cognate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Guards Flyway migrations that already landed. Flyway stores a checksum of every migration it ran and refuses to start
 * when a file it ran has changed since, so an edited migration breaks every database that ran the old text (this
 * happened to user-pool-service's V8). A service keeps a manifest of its migration files' SHA-256s, one
 * {@code <sha256>  <file name>} line each (the format of {@code sha256sum}); {@link #problems} compares the folder with
 * it.
 *
 * <p>It reports: a landed file changed or deleted (restore it and put the change in a new migration), a file not in
 * the manifest (add the line it prints once the migration is final), and a new file whose version is not above every
 * landed one (Flyway would refuse it as out of order on a database that ran the later ones).
 */
public final class LandedMigrations {

    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) {2}(\\S+)");
    private static final Pattern VERSION = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

    private LandedMigrations() {
    }

    /** Every way {@code folder} departs from {@code manifest}; empty when the landed migrations are untouched. */
    public static List<String> problems(Path folder, Path manifest) {
        Map<String, String> landed = readManifest(manifest);
        Map<String, String> present = hashes(folder);
        List<String> problems = new ArrayList<>();
        landed.forEach((file, sha) -> {
            String now = present.get(file);
            if (now == null) {
                problems.add(file + " landed but is gone from " + folder + ". Restore it: databases that ran it "
                        + "fail Flyway's validation without it. Undo its effect with a new migration instead.");
            } else if (!now.equals(sha)) {
                problems.add(file + " changed after it landed (SHA-256 " + sha + " in " + manifest.getFileName()
                        + ", now " + now + "). Flyway refuses to start on every database that ran the landed text. "
                        + "Restore it byte for byte (git log -p -- " + file + ") and put the change in a NEW migration.");
            }
        });
        List<Integer> landedVersions = landed.keySet().stream().map(LandedMigrations::majorVersion).toList();
        int highestLanded = landedVersions.stream().mapToInt(Integer::intValue).max().orElse(-1);
        present.forEach((file, sha) -> {
            if (landed.containsKey(file)) {
                return;
            }
            int version = majorVersion(file);
            if (version <= highestLanded) {
                problems.add(file + " is new but its version is not above the highest landed one (V" + highestLanded
                        + "): Flyway refuses a pending migration older than an applied one. Number it V"
                        + (highestLanded + 1) + " or above.");
            }
            problems.add(file + " is not in " + manifest + ". Once it is final, add this line (and never edit the "
                    + "file again):\n" + sha + "  " + file);
        });
        return problems;
    }

    /** The manifest lines for {@code folder} as it is now, in version order: how a manifest is first written. */
    public static String manifestOf(Path folder) {
        StringBuilder out = new StringBuilder();
        hashes(folder).forEach((file, sha) -> out.append(sha).append("  ").append(file).append('\n'));
        return out.toString();
    }

    private static Map<String, String> readManifest(Path manifest) {
        Map<String, String> landed = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(manifest)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalStateException(manifest + ": not a '<sha256>  <file>' line: " + line);
                }
                landed.put(m.group(2), m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return landed;
    }

    private static Map<String, String> hashes(Path folder) {
        Map<String, String> hashes = new TreeMap<>((a, b) -> {
            int byVersion = Integer.compare(majorVersion(a), majorVersion(b));
            return byVersion != 0 ? byVersion : a.compareTo(b);
        });
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.put(file.getFileName().toString(), sha256(Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hashes;
    }

    private static int majorVersion(String file) {
        Matcher m = VERSION.matcher(file);
        if (!m.matches()) {
            throw new IllegalStateException(file + " is not a Flyway versioned migration name (V<n>__<what>.sql)");
        }
        return Integer.parseInt(m.group(1).split("[._]")[0]);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
