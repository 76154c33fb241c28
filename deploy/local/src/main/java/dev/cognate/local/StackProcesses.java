package dev.cognate.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Every process the stack started, and the one place that stops them: services first (in parallel), then the
 * infrastructure they depend on, each waited for until it is gone. Once stopping has begun, a process that is handed
 * over late is stopped at once, so a start racing with Ctrl-C leaves nothing behind.
 */
final class StackProcesses {

    private static final Duration SERVICE_GRACE = Duration.ofSeconds(20);
    private static final Duration INFRASTRUCTURE_GRACE = Duration.ofSeconds(40);

    private final List<ManagedProcess> infrastructure = new ArrayList<>();
    private final List<ManagedProcess> services = new ArrayList<>();
    /** Services given a grace other than {@link #SERVICE_GRACE}. */
    private final Map<ManagedProcess, Duration> graces = new HashMap<>();
    private boolean stopping;

    /** Thrown to the starting thread when the stack is being stopped under it. */
    static final class StoppingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppingException() {
            super("the stack is stopping");
        }
    }

    void adoptInfrastructure(ManagedProcess process) {
        adopt(process, infrastructure, INFRASTRUCTURE_GRACE);
    }

    void adoptService(ManagedProcess process) {
        adopt(process, services, SERVICE_GRACE);
    }

    /** A service that needs longer to stop, e.g. one that writes its class-data-sharing archive as it exits. */
    void adoptService(ManagedProcess process, Duration grace) {
        synchronized (this) {
            graces.put(process, grace);
        }
        adopt(process, services, grace);
    }

    synchronized boolean isStopping() {
        return stopping;
    }

    /** Completes with the first process to exit, whichever it is. */
    CompletableFuture<ManagedProcess> firstExit() {
        List<ManagedProcess> all;
        synchronized (this) {
            all = new ArrayList<>(infrastructure);
            all.addAll(services);
        }
        CompletableFuture<ManagedProcess> first = new CompletableFuture<>();
        all.forEach(process -> process.onExit().thenAccept(first::complete));
        return first;
    }

    /** Returns false when an earlier call already stopped (or is stopping) everything. */
    boolean stopAll() {
        List<ManagedProcess> servicesToStop;
        List<ManagedProcess> infrastructureToStop;
        Map<ManagedProcess, Duration> serviceGraces;
        synchronized (this) {
            if (stopping) {
                return false;
            }
            stopping = true;
            servicesToStop = List.copyOf(services);
            infrastructureToStop = List.copyOf(infrastructure);
            serviceGraces = Map.copyOf(graces);
        }
        stopInParallel(servicesToStop, process -> serviceGraces.getOrDefault(process, SERVICE_GRACE));
        stopInParallel(infrastructureToStop, process -> INFRASTRUCTURE_GRACE);
        return true;
    }

    private void adopt(ManagedProcess process, List<ManagedProcess> group, Duration grace) {
        synchronized (this) {
            if (!stopping) {
                group.add(process);
                return;
            }
        }
        process.stop(grace);
        throw new StoppingException();
    }

    private static void stopInParallel(List<ManagedProcess> processes, Function<ManagedProcess, Duration> grace) {
        List<Thread> stoppers = processes.stream()
                .filter(ManagedProcess::isAlive)
                .map(process -> {
                    Console.info("Stopping %s (pid %d)", process.name(), process.pid());
                    Thread stopper = new Thread(() -> process.stop(grace.apply(process)), "stop-" + process.name());
                    stopper.start();
                    return stopper;
                })
                .toList();
        for (Thread stopper : stoppers) {
            joinUninterruptibly(stopper);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
