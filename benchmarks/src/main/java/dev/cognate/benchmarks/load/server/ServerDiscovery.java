package dev.cognate.benchmarks.load.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the server side of the local stack: the service under load, PostgreSQL's postmaster (its backends come along
 * as descendants, see {@link ServerCpu}) and Redis.
 *
 * <p>First as {@code deploy/local/run} itself finds its processes: the state directory (beside {@code stack.json})
 * records the orchestrator's pid ({@code local-stack.pid}) and the run id ({@code run-id}) that every process of the
 * run carries in its environment as {@code COGNATE_LOCAL_STACK_RUN} — PostgreSQL's postmaster too, although it detaches
 * from its parent. Among them, the service is the JVM running {@code <service>/target/quarkus-app/quarkus-run.jar}, the
 * postmaster is the {@code postgres} process whose parent is not one, Redis is {@code redis-server*}. What that does not
 * find is looked up by listening port ({@code ss -ltnp}'s answer, read from {@code /proc/net/tcp{,6}}).
 */
public final class ServerDiscovery {

    static final String RUN_MARKER = "COGNATE_LOCAL_STACK_RUN";
    public static final String POSTGRES = "postgres";
    public static final String REDIS = "redis";

    private final ProcFs proc;

    public ServerDiscovery(ProcFs proc) {
        this.proc = proc;
    }

    /** What was found, in report order, and a note for each part that was not. */
    public record Found(List<ServerProcess> processes, List<String> notes) {
    }

    /**
     * The service ({@code serviceName}, e.g. user-pool-service, also the directory of its jar), PostgreSQL and Redis of
     * the stack whose state directory is {@code stateDir}, each looked up by its port in {@code ports} when the stack's
     * records do not name it (a port of 0: no fallback).
     */
    public Found find(Path stateDir, String serviceName, int servicePort, int postgresPort, int redisPort) {
        Map<String, Long> found = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        found.put(serviceName, null);
        found.put(POSTGRES, null);
        found.put(REDIS, null);
        Map<Long, ProcStat> stats = proc.stats();
        Set<Long> stack = stackProcesses(stateDir, stats, notes);
        for (long pid : stack) {
            ProcStat stat = stats.get(pid);
            if (proc.commandLine(pid).contains("/" + serviceName + "/target/quarkus-app/quarkus-run.jar")) {
                found.computeIfAbsent(serviceName, k -> pid);
            } else if (stat.comm().equals("postgres") && !isPostgres(stats.get(stat.ppid()))) {
                found.computeIfAbsent(POSTGRES, k -> pid);
            } else if (stat.comm().startsWith("redis-server")) {
                found.computeIfAbsent(REDIS, k -> pid);
            }
        }
        Map<String, Integer> ports = Map.of(serviceName, servicePort, POSTGRES, postgresPort, REDIS, redisPort);
        List<ServerProcess> processes = new ArrayList<>();
        found.forEach((name, pid) -> {
            Long resolved = pid;
            if (resolved == null && ports.get(name) > 0) {
                resolved = proc.listeningPid(ports.get(name)).orElse(null);
                if (resolved != null && !stack.isEmpty()) {
                    notes.add(name + ": not among the stack's processes; pid " + resolved + " listens on port " + ports.get(name));
                }
            }
            if (resolved == null) {
                notes.add(name + ": not found" + (ports.get(name) > 0 ? " (nothing visible listens on port " + ports.get(name) + ")" : ""));
            } else {
                processes.add(new ServerProcess(name, resolved));
            }
        });
        return new Found(processes, notes);
    }

    /** The process listening on {@code port}, named {@code name}, if any: the other server of a side-by-side run. */
    public Optional<ServerProcess> listening(String name, int port) {
        return proc.listeningPid(port).map(pid -> new ServerProcess(name, pid));
    }

    /** A process's command name, for a part given by pid alone. */
    public String nameOf(long pid) {
        return proc.stat(pid).map(ProcStat::comm).orElse("pid " + pid);
    }

    /** The run's processes: carrying its run id, or descending from its orchestrator. Empty when the records are absent. */
    private Set<Long> stackProcesses(Path stateDir, Map<Long, ProcStat> stats, List<String> notes) {
        Optional<String> runId = readTrimmed(stateDir.resolve("run-id"));
        Optional<String> orchestrator = readTrimmed(stateDir.resolve("local-stack.pid"));
        Set<Long> roots = new HashSet<>();
        if (orchestrator.isPresent() && orchestrator.get().matches("\\d+") && stats.containsKey(Long.parseLong(orchestrator.get()))) {
            roots.add(Long.parseLong(orchestrator.get()));
        }
        if (runId.isPresent()) {
            String marker = RUN_MARKER + "=" + runId.get();
            for (long pid : stats.keySet()) {
                if (proc.environmentContains(pid, marker)) {
                    roots.add(pid);
                }
            }
        }
        if (roots.isEmpty()) {
            notes.add("no running local stack recorded in " + stateDir + " (local-stack.pid, run-id): looked up by port");
            return Set.of();
        }
        Map<Long, List<Long>> children = new HashMap<>();
        stats.values().forEach(stat -> children.computeIfAbsent(stat.ppid(), k -> new ArrayList<>()).add(stat.pid()));
        Set<Long> all = new java.util.TreeSet<>();
        Deque<Long> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            long pid = pending.pop();
            if (all.add(pid)) {
                pending.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        return all;
    }

    private static boolean isPostgres(ProcStat stat) {
        return stat != null && stat.comm().equals("postgres");
    }

    private static Optional<String> readTrimmed(Path file) {
        try {
            return Optional.of(Files.readString(file).trim()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
