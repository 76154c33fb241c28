package dev.cognate.benchmarks.load.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CPU time the server side uses: each {@link ServerProcess} with all its descendants, read from {@code /proc} at the
 * start and the end of the measured time. Requests divided by the sum are requests per server CPU-second, i.e. per
 * core, whatever else shares the machine (the load generator, other builds).
 *
 * <p>A part's time is, over the process and its live descendants, user + system time plus that of their ended children
 * ({@code cutime}, {@code cstime}). So a PostgreSQL backend that ends during the run is still counted: its last time
 * moves into the postmaster's {@code cutime} when the postmaster reaps it, and the difference between two samples stays
 * exact. Descendants are looked up at every sample, so backends started during the run count too.
 */
public final class ServerCpu {

    private final ProcFs proc;
    private final List<ServerProcess> parts;

    /** Fails now, before the run, if a part's process is not there. */
    public ServerCpu(ProcFs proc, List<ServerProcess> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no server process to measure");
        }
        this.proc = proc;
        this.parts = List.copyOf(parts);
        for (ServerProcess part : parts) {
            if (proc.stat(part.pid()).isEmpty()) {
                throw new IllegalArgumentException("no process " + part.pid() + " (" + part.name() + ") in /proc");
            }
        }
    }

    public List<ServerProcess> parts() {
        return parts;
    }

    /** One reading of every part: its ticks and how many processes its tree has now. */
    public Sample sample() {
        Map<Long, ProcStat> stats = proc.stats();
        Map<Long, List<Long>> children = new HashMap<>();
        stats.values().forEach(stat -> children.computeIfAbsent(stat.ppid(), k -> new ArrayList<>()).add(stat.pid()));
        long[] ticks = new long[parts.size()];
        int[] processes = new int[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            Deque<Long> pending = new ArrayDeque<>(List.of(parts.get(i).pid()));
            Set<Long> seen = new HashSet<>();
            while (!pending.isEmpty()) {
                long pid = pending.pop();
                ProcStat stat = stats.get(pid);
                if (stat == null || !seen.add(pid)) {
                    continue;
                }
                ticks[i] += stat.ticksWithEndedChildren();
                processes[i]++;
                pending.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        return new Sample(ticks, processes, System.nanoTime());
    }

    /** What the parts used between two samples. */
    public ServerCpuUse between(Sample start, Sample end) {
        List<ServerCpuUse.Part> used = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            used.add(new ServerCpuUse.Part(parts.get(i).name(), parts.get(i).pid(), end.processes[i],
                    (end.ticks[i] - start.ticks[i]) / ProcStat.CLOCK_TICKS_PER_SECOND));
        }
        return new ServerCpuUse(used, (end.nanoTime - start.nanoTime) / 1e9);
    }

    /** Ticks per part at one moment; {@code processes[i] == 0} when the part's process is gone. */
    public record Sample(long[] ticks, int[] processes, long nanoTime) {
    }
}
