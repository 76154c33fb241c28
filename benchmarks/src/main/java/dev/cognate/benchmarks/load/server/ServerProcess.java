package dev.cognate.benchmarks.load.server;

import java.util.ArrayList;
import java.util.List;

/**
 * One part of the server side whose CPU a run counts: a process and all its descendants (so PostgreSQL's postmaster
 * brings its backends and background workers, alive or ended), under a name for the report.
 */
public record ServerProcess(String name, long pid) {

    public ServerProcess {
        if (pid <= 0) {
            throw new IllegalArgumentException("not a process id: " + pid);
        }
    }

    /**
     * {@code [name=]pid[,[name=]pid...]}, e.g. {@code user-pool-service=123,postgres=456,redis=789} or {@code 123,456};
     * a part without a name is named by its pid's command ({@code nameOf}).
     */
    public static List<ServerProcess> parseList(String list, java.util.function.LongFunction<String> nameOf) {
        List<ServerProcess> parts = new ArrayList<>();
        for (String item : list.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            String name = eq < 0 ? null : trimmed.substring(0, eq).trim();
            String pidText = eq < 0 ? trimmed : trimmed.substring(eq + 1).trim();
            long pid;
            try {
                pid = Long.parseLong(pidText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a process id: '" + pidText + "' in " + list);
            }
            if (name != null && name.isEmpty()) {
                throw new IllegalArgumentException("empty name before '=' in " + list);
            }
            parts.add(new ServerProcess(name != null ? name : nameOf.apply(pid), pid));
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no process id in '" + list + "'");
        }
        return parts;
    }
}
