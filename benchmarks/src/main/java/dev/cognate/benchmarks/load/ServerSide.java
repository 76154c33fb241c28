package dev.cognate.benchmarks.load;

import dev.cognate.benchmarks.load.server.ProcFs;
import dev.cognate.benchmarks.load.server.ServerCpu;
import dev.cognate.benchmarks.load.server.ServerDiscovery;
import dev.cognate.benchmarks.load.server.ServerProcess;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Which processes' CPU a run counts, as the options say, with a line saying what was found. */
final class ServerSide {

    /** deploy/local's PostgreSQL port (its InfraPorts.LOCAL): where the postmaster is looked for when the stack's records do not name it. */
    static final int LOCAL_STACK_POSTGRES_PORT = 15432;

    private ServerSide() {
    }

    /**
     * Cognate's server side: {@code --server-pids}, else the local stack's {@code service}, PostgreSQL and Redis
     * ({@link ServerDiscovery}); null with {@code --no-server-cpu} or when nothing is found.
     */
    static ServerCpu cognate(LoadOptions options, String service) {
        if (!options.serverCpu()) {
            return null;
        }
        ProcFs proc = ProcFs.system();
        ServerDiscovery discovery = new ServerDiscovery(proc);
        List<ServerProcess> parts;
        if (options.serverPids() != null) {
            parts = ServerProcess.parseList(options.serverPids(), discovery::nameOf);
        } else if (!options.localEndpoint() || !Files.isDirectory(Path.of("/proc"))) {
            System.out.println("server CPU: not measured (the endpoint is not on this machine; give --server-pids)");
            return null;
        } else {
            ServerDiscovery.Found found = discovery.find(options.stateDirectory(), service, port(options.endpoint()),
                    LOCAL_STACK_POSTGRES_PORT, options.redisPort());
            found.notes().forEach(note -> System.out.println("server CPU: " + note));
            parts = found.processes();
            if (parts.isEmpty()) {
                System.out.println("server CPU: not measured (nothing found; give --server-pids)");
                return null;
            }
        }
        return announce(proc, parts);
    }

    /** Another server: {@code pids} ({@code [name=]pid,...}) if given, else the process listening on its URL's port. */
    static ServerCpu other(String name, URI url, String pids) {
        ProcFs proc = ProcFs.system();
        ServerDiscovery discovery = new ServerDiscovery(proc);
        if (pids != null) {
            return announce(proc, ServerProcess.parseList(pids, discovery::nameOf));
        }
        Optional<ServerProcess> listening = discovery.listening(name, port(url));
        if (listening.isEmpty()) {
            System.out.println("server CPU of " + name + ": not measured (no visible process listens on port " + port(url)
                    + "; give --other-pids)");
            return null;
        }
        return announce(proc, List.of(listening.get()));
    }

    private static ServerCpu announce(ProcFs proc, List<ServerProcess> parts) {
        ServerCpu cpu = new ServerCpu(proc, parts);
        System.out.println("server CPU of " + parts.stream().map(part -> part.name() + " (pid " + part.pid() + ")")
                .collect(Collectors.joining(", ")) + ", each with its descendants");
        return cpu;
    }

    static int port(URI url) {
        return url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    }
}
