package dev.cognate.local;

import dev.cognate.testkit.Ports;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's HAProxy as the ingress controller and the cluster's Services, on loopback:
 * <ul>
 *   <li>one HTTPS port terminating TLS and routing by Host and path exactly as the chart's Ingress rules say
 *       ({@link ChartIngressRoutes}), round-robin over each service's replicas, telling the services the original
 *       scheme and port ({@code X-Forwarded-Proto/-Port/-For}) and telling the client which replica answered
 *       ({@value #REPLICA_HEADER}, for tests);</li>
 *   <li>plain HTTP ports standing in for in-cluster Services (e.g. user-pool-service's internal API), also
 *       round-robin.</li>
 * </ul>
 * Every request is logged as {@code <backend>/<server> <status> <method> <path>} to {@link #log()}.
 */
final class HaproxyFrontDoor implements AutoCloseable {

    static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    static final String REPLICA_HEADER = "X-Cognate-Replica";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern LOG_LINE = Pattern.compile("^(\\S+)/(\\S+) (-?\\d+) (\\S+) (\\S+)");

    /** A cluster Service: a plain HTTP port in front of the replicas' ports. */
    record ClusterService(String name, int port, List<Integer> replicaPorts) {
    }

    /** One request as HAProxy logged it. */
    record LoggedRequest(String backend, String server, int status, String method, String path) {
    }

    private final Process process;
    private final Path log;

    private HaproxyFrontDoor(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts HAProxy; {@code replicas} gives each service's replicas' ports (a service the routes name without replicas
     * answers 503, as an Ingress backend without ready endpoints does).
     */
    static HaproxyFrontDoor start(Path directory, int httpsPort, Path certificatePem, List<ChartIngressRoutes.Route> routes,
                                  Map<String, List<Integer>> replicas, List<ClusterService> clusterServices) throws IOException {
        Files.createDirectories(directory);
        Path config = Files.writeString(directory.resolve("haproxy.cfg"),
                config(httpsPort, certificatePem, routes, replicas, clusterServices));
        Path log = directory.resolve("haproxy.log");
        Process process = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HaproxyFrontDoor proxy = new HaproxyFrontDoor(process, log);
        List<Integer> ports = new ArrayList<>(List.of(httpsPort));
        clusterServices.forEach(service -> ports.add(service.port()));
        proxy.awaitListening(ports);
        return proxy;
    }

    static String config(int httpsPort, Path certificatePem, List<ChartIngressRoutes.Route> routes,
                         Map<String, List<Integer>> replicas, List<ClusterService> clusterServices) {
        StringBuilder config = new StringBuilder("""
                global
                    log stdout format raw local0
                    maxconn 256
                defaults
                    mode http
                    log global
                    log-format "%b/%s %ST %HM %HP"
                    # Connections closed before sending anything (pooled clients' idle connections) are not requests.
                    option dontlognull
                    timeout connect 5s
                    timeout client 60s
                    timeout server 60s
                    option forwardfor
                frontend ingress
                """);
        config.append("    bind ").append(Ports.LOOPBACK).append(':').append(httpsPort).append(" ssl crt ").append(certificatePem)
                .append(" alpn http/1.1\n");
        config.append("    http-request set-header X-Forwarded-Proto https\n");
        config.append("    http-request set-header X-Forwarded-Port %[dst_port]\n");
        // Kubernetes matches a Prefix path element-wise and prefers the longest; HAProxy takes the first use_backend
        // that matches, so longer paths come first.
        List<ChartIngressRoutes.Route> ordered = new ArrayList<>(routes);
        ordered.sort(Comparator.comparingInt((ChartIngressRoutes.Route route) -> route.path().length()).reversed());
        Set<String> services = new LinkedHashSet<>();
        for (ChartIngressRoutes.Route route : ordered) {
            if (!route.pathType().equals("Prefix")) {
                throw new IllegalArgumentException("only Prefix paths are translated: " + route);
            }
            services.add(route.service());
            String host = route.host().startsWith("*.")
                    ? "{ req.hdr(host),field(1,:) -m end -i " + route.host().substring(1) + " }"
                    : "{ req.hdr(host),field(1,:) -m str -i " + route.host() + " }";
            if (route.path().equals("/")) {
                config.append("    use_backend ").append(route.service()).append(" if ").append(host).append('\n');
            } else {
                config.append("    use_backend ").append(route.service()).append(" if ").append(host)
                        .append(" { path ").append(route.path()).append(" } || ").append(host)
                        .append(" { path_beg ").append(route.path()).append("/ }\n");
            }
        }
        config.append("    default_backend no-rule\n");
        config.append("backend no-rule\n    http-request return status 404\n");
        for (String service : services) {
            config.append("backend ").append(service).append('\n');
            List<Integer> ports = replicas.getOrDefault(service, List.of());
            if (ports.isEmpty()) {
                config.append("    http-request return status 503\n");
                continue;
            }
            config.append("    balance roundrobin\n");
            config.append("    http-response set-header ").append(REPLICA_HEADER).append(" %[srv_name]\n");
            servers(config, service, ports);
        }
        for (ClusterService service : clusterServices) {
            config.append("listen ").append(service.name()).append('\n');
            config.append("    bind ").append(Ports.LOOPBACK).append(':').append(service.port()).append('\n');
            config.append("    balance roundrobin\n");
            servers(config, service.name(), service.replicaPorts());
        }
        return config.toString();
    }

    private static void servers(StringBuilder config, String name, List<Integer> ports) {
        for (int i = 0; i < ports.size(); i++) {
            config.append("    server ").append(name).append('-').append(i + 1).append(' ')
                    .append(Ports.LOOPBACK).append(':').append(ports.get(i)).append('\n');
        }
    }

    Path log() {
        return log;
    }

    /** Every request logged so far. */
    List<LoggedRequest> requests() throws IOException {
        List<LoggedRequest> requests = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher matcher = LOG_LINE.matcher(line);
            if (matcher.find()) {
                requests.add(new LoggedRequest(matcher.group(1), matcher.group(2), Integer.parseInt(matcher.group(3)),
                        matcher.group(4), matcher.group(5)));
            }
        }
        return requests;
    }

    /** How many requests each server of {@code backend} answered. */
    Map<String, Long> answeredBy(String backend) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (LoggedRequest request : requests()) {
            if (request.backend().equals(backend)) {
                counts.merge(request.server(), 1L, Long::sum);
            }
        }
        return counts;
    }

    private void awaitListening(List<Integer> ports) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        for (int port : ports) {
            while (!accepts(port)) {
                if (!process.isAlive()) {
                    throw new IOException("haproxy exited with " + process.exitValue() + ": " + Files.readString(log));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("haproxy does not listen on " + port + " after " + START_TIMEOUT + ": " + Files.readString(log));
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Ports.LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops HAProxy (SIGTERM, then SIGKILL after 5 s) and waits until it is gone. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    long pid() {
        return process.pid();
    }
}
