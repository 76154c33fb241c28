package dev.cognate.benchmarks.load.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the harness reads from {@code /proc}: processes, their CPU time, command lines and environments, and which process
 * listens on a TCP port (what {@code ss -ltnp} shows, without running it). The root is a parameter so that tests can
 * lay out a fake {@code /proc}. Linux only; every read tolerates a process that ends meanwhile.
 */
public final class ProcFs {

    private final Path root;

    public ProcFs(Path root) {
        this.root = root;
    }

    public static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    /** The pids of the processes alive now. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return pids;
    }

    /** The process's stat, or empty when it is gone (or unreadable). */
    public Optional<ProcStat> stat(long pid) {
        return read(pid, "stat").map(ProcStat::parse);
    }

    /** Every live process's stat, by pid. */
    public Map<Long, ProcStat> stats() {
        Map<Long, ProcStat> stats = new HashMap<>();
        for (long pid : pids()) {
            stat(pid).ifPresent(stat -> stats.put(pid, stat));
        }
        return stats;
    }

    /** The command line with its NUL separators as spaces; empty when gone. */
    public String commandLine(long pid) {
        return read(pid, "cmdline").map(s -> s.replace('\0', ' ').trim()).orElse("");
    }

    /** Whether the process's environment holds exactly {@code entry} ({@code NAME=value}). */
    public boolean environmentContains(long pid, String entry) {
        return read(pid, "environ").map(environ -> List.of(environ.split("\0")).contains(entry)).orElse(false);
    }

    /** The pid of the process that listens on TCP {@code port} (IPv4 or IPv6), if it is visible. */
    public Optional<Long> listeningPid(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            inodes.addAll(listeningInodes(root.resolve(table), port));
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        for (long pid : pids()) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(root.resolve(Long.toString(pid)).resolve("fd"))) {
                for (Path fd : fds) {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                        return Optional.of(pid);
                    }
                }
            } catch (IOException | SecurityException e) {
                // gone, or not ours to read: not the listener we can report
            }
        }
        return Optional.empty();
    }

    /** Socket inodes in state LISTEN (0A) on {@code port} in one of /proc/net/tcp{,6}. */
    static Set<String> listeningInodes(Path table, int port) {
        Set<String> inodes = new HashSet<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return inodes;
        }
        String portHex = String.format("%04X", port);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && f[3].equals("0A") && f[1].endsWith(":" + portHex)) {
                inodes.add(f[9]);
            }
        }
        return inodes;
    }

    private Optional<String> read(long pid, String file) {
        try {
            return Optional.of(Files.readString(root.resolve(Long.toString(pid)).resolve(file), StandardCharsets.ISO_8859_1));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
