package dev.cognate.local;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits until every started service reports ready, failing fast when one exits and after a deadline. */
final class ServiceReadiness {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final ReadinessProbe probe = new ReadinessProbe();

    void awaitAll(Map<CognateService, ManagedProcess> services, Duration timeout)
            throws StartupException, InterruptedException {
        long startedAt = System.nanoTime();
        long deadline = startedAt + timeout.toNanos();
        Map<CognateService, ManagedProcess> pending = new LinkedHashMap<>(services);
        Map<CognateService, String> lastDetail = new LinkedHashMap<>();
        while (true) {
            for (var iterator = pending.entrySet().iterator(); iterator.hasNext();) {
                var entry = iterator.next();
                if (!entry.getValue().isAlive()) {
                    throw StartupException.exited(entry.getValue(), "before it was ready");
                }
                ReadinessProbe.Result result = probe.check(entry.getKey());
                if (result.ready()) {
                    Console.info("%s is ready on %s (%.1f s)", entry.getKey().name(), entry.getKey().baseUrl(),
                            (System.nanoTime() - startedAt) / 1e9);
                    iterator.remove();
                } else {
                    lastDetail.put(entry.getKey(), result.detail());
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                var laggard = pending.entrySet().iterator().next();
                String others = pending.size() == 1 ? ""
                        : " (nor were " + String.join(", ", pending.keySet().stream().skip(1)
                                .map(CognateService::name).toList()) + ")";
                throw new StartupException(laggard.getKey().name() + " was not ready after " + timeout.toSeconds()
                        + " s" + others + "; last check: " + lastDetail.get(laggard.getKey()), laggard.getValue());
            }
            awaitAnyExit(pending, POLL_INTERVAL);
        }
    }

    /** Waits out the poll interval, returning early if one of the services exits. */
    private static void awaitAnyExit(Map<CognateService, ManagedProcess> services, Duration interval)
            throws InterruptedException {
        CompletableFuture<?>[] exits = services.values().stream()
                .map(ManagedProcess::onExit)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.anyOf(exits).get(interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Poll again: the next round reports an exit or checks readiness.
        }
    }
}
