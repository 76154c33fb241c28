package dev.cognate.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a server process has used so far (user + system, from {@code /proc/<pid>/stat}), so that a run can
 * report requests per second of server CPU: throughput per core, independent of what else shares the machine (the
 * harness itself, the database, other builds). Linux only.
 */
final class ServerCpu {

    /** USER_HZ: the unit of {@code utime}/{@code stime}; 100 on every Linux x86-64 and arm64 kernel. */
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private final long pid;

    ServerCpu(long pid) {
        this.pid = pid;
        seconds(); // fails now, before the run, if the process is not there
    }

    long pid() {
        return pid;
    }

    /** CPU seconds (user + system, all threads) the process has used since it started. */
    double seconds() {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read /proc/" + pid + "/stat (--server-pid): " + e.getMessage());
        }
        return parse(stat) / CLOCK_TICKS_PER_SECOND;
    }

    /** utime + stime in clock ticks: fields 14 and 15 of the line, counted after the command name, which may hold spaces. */
    static long parse(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3]
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
