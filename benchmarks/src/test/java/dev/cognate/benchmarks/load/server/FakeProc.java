package dev.cognate.benchmarks.load.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A /proc-like directory for tests: processes with stat, cmdline, environ and socket fds, and net/tcp{,6}. */
final class FakeProc {

    final Path root;
    private int nextFd = 3;

    FakeProc(Path root) {
        this.root = root;
        write(root.resolve("net/tcp"), "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
        write(root.resolve("net/tcp6"), "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
    }

    /** A process with the given CPU ticks (utime, stime, cutime, cstime). */
    FakeProc process(long pid, String comm, long ppid, long utime, long stime, long cutime, long cstime, String cmdline, String... environ) {
        Path dir = root.resolve(Long.toString(pid));
        write(dir.resolve("stat"), pid + " (" + comm + ") S " + ppid + " " + pid + " " + pid + " 0 -1 4194560 100 0 0 0 "
                + utime + " " + stime + " " + cutime + " " + cstime + " 20 0 1 0 100 0 0\n");
        write(dir.resolve("cmdline"), cmdline.replace(' ', '\0') + "\0");
        write(dir.resolve("environ"), String.join("\0", environ) + (environ.length > 0 ? "\0" : ""));
        try {
            Files.createDirectories(dir.resolve("fd"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The process listens on {@code port} through a socket of that inode (IPv6 table when {@code v6}). */
    FakeProc listening(long pid, int port, long inode, boolean v6) {
        String local = v6 ? "00000000000000000000000000000000:" : "0100007F:";
        String line = String.format("   0: %s%04X 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 %d 1 0000000000000000 100 0 0 10 0%n",
                local, port, inode);
        try {
            Files.writeString(root.resolve(v6 ? "net/tcp6" : "net/tcp"), line, java.nio.file.StandardOpenOption.APPEND);
            Files.createSymbolicLink(root.resolve(pid + "/fd/" + nextFd++), Path.of("socket:[" + inode + "]"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A connection (not listening) on {@code port}: must not be taken for the listener. */
    FakeProc connected(long pid, int port, long inode) {
        String line = String.format("   1: 0100007F:%04X 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 %d 1 0000000000000000 100 0 0 10 0%n",
                port, inode);
        try {
            Files.writeString(root.resolve("net/tcp"), line, java.nio.file.StandardOpenOption.APPEND);
            Files.createSymbolicLink(root.resolve(pid + "/fd/" + nextFd++), Path.of("socket:[" + inode + "]"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    void gone(long pid) {
        try (var files = Files.walk(root.resolve(Long.toString(pid)))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ProcFs procFs() {
        return new ProcFs(root);
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
