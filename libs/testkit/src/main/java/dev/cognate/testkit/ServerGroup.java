package dev.cognate.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

/** Starts and stops several servers in parallel. */
final class ServerGroup {

    private static final Logger LOG = Logger.getLogger(ServerGroup.class);

    private final List<ManagedServer> servers;

    ServerGroup(List<ManagedServer> servers) {
        this.servers = List.copyOf(servers);
    }

    /**
     * Starts all servers at once. If any fails, waits for the others to finish starting, stops the ones that are
     * running and throws.
     */
    void startAll() {
        Map<ManagedServer, Throwable> failures = runInParallel("start", ManagedServer::start);
        if (failures.isEmpty()) {
            return;
        }
        Map<ManagedServer, Throwable> stopFailures = stopAll();
        String reasons = failures.entrySet().stream()
                .map(failure -> describe(failure.getKey(), failure.getValue()))
                .collect(Collectors.joining("; "));
        InfrastructureStartException exception = new InfrastructureStartException(
                "Could not start the embedded infrastructure (" + reasons + "). The servers that had started were "
                        + (stopFailures.isEmpty() ? "stopped again." : "stopped, except " + names(stopFailures) + "."),
                failures.values().iterator().next());
        failures.values().stream().skip(1).forEach(exception::addSuppressed);
        stopFailures.values().forEach(exception::addSuppressed);
        throw exception;
    }

    /** Stops every running server, in parallel; returns the ones that could not be stopped. */
    Map<ManagedServer, Throwable> stopAll() {
        Map<ManagedServer, Throwable> failures = runInParallel("stop", ManagedServer::stop);
        failures.forEach((server, error) -> LOG.errorf(error, "Could not stop %s", server.name()));
        return failures;
    }

    private Map<ManagedServer, Throwable> runInParallel(String verb, ServerAction action) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(servers.size(), runnable -> {
            Thread thread = new Thread(runnable, "cognate-infra-" + verb + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            // Not the caller's: under Quarkus that is a test class loader in which Kafka's log4j and plugin lookups
            // find foreign copies of their classes (ClassCastException).
            thread.setContextClassLoader(ServerGroup.class.getClassLoader());
            return thread;
        });
        try {
            Map<ManagedServer, CompletableFuture<Void>> running = new LinkedHashMap<>();
            for (ManagedServer server : servers) {
                running.put(server, CompletableFuture.runAsync(() -> {
                    try {
                        long begin = System.nanoTime();
                        action.apply(server);
                        LOG.debugf("%s %s: %d ms", verb, server.name(), (System.nanoTime() - begin) / 1_000_000);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }, executor));
            }
            Map<ManagedServer, Throwable> failures = new LinkedHashMap<>();
            running.forEach((server, future) -> {
                try {
                    future.join();
                } catch (CompletionException e) {
                    failures.put(server, e.getCause());
                }
            });
            return failures;
        } finally {
            executor.shutdown();
        }
    }

    private static String describe(ManagedServer server, Throwable error) {
        String message = error.getMessage() != null ? error.getMessage() : error.toString();
        return message.startsWith(server.name()) ? message : server.name() + ": " + message;
    }

    private static String names(Map<ManagedServer, Throwable> failures) {
        List<String> names = new ArrayList<>();
        failures.keySet().forEach(server -> names.add(server.name()));
        return String.join(", ", names);
    }

    @FunctionalInterface
    private interface ServerAction {
        void apply(ManagedServer server) throws Exception;
    }
}
