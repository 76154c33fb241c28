package dev.cognate.benchmarks.load.server;

/**
 * The fields of {@code /proc/<pid>/stat} the harness reads. Times are in clock ticks (USER_HZ, 100 per second on every
 * Linux x86-64 and arm64 kernel).
 *
 * @param comm   the command name (at most 15 characters, e.g. {@code postgres}, {@code redis-server-6.})
 * @param utime  user time of the process (all its threads, live and ended)
 * @param stime  system time of the process
 * @param cutime user time of its children that ended and were waited for; postmaster's ended backends land here
 * @param cstime system time of those children
 */
public record ProcStat(long pid, String comm, long ppid, long utime, long stime, long cutime, long cstime) {

    public static final double CLOCK_TICKS_PER_SECOND = 100.0;

    /** Parses one stat line; the command name may hold spaces and parentheses, so fields are counted after its last ')'. */
    public static ProcStat parse(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        long pid = Long.parseLong(stat.substring(0, open).trim());
        String comm = stat.substring(open + 1, close);
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3]: ppid 4, utime 14, stime 15, cutime 16, cstime 17
        return new ProcStat(pid, comm, Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                Long.parseLong(fields[13]), Long.parseLong(fields[14]));
    }

    /** This process's own CPU time plus that of its ended, waited-for children, in ticks. */
    public long ticksWithEndedChildren() {
        return utime + stime + cutime + cstime;
    }
}
