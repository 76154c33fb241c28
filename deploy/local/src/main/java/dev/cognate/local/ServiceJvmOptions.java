package dev.cognate.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JVM options each service runs with: an explicit heap, and bounds on every other memory area the JVM would
 * otherwise size from the machine (a quarter of its RAM for the heap, direct memory as large as the heap, unlimited
 * metaspace), so that a service stays under its memory budget (issue 16: ≤ 300 MB resident under load) on any
 * machine. The figures come from measuring the local stack under the load harness: benchmarks/README.md, "Memory and
 * start-up (issue 16)". The Helm chart sets the same values (values.yaml, {@code jvm}).
 *
 * <p>{@value #EXTRA_OPTIONS_VARIABLE} in the stack's own environment, when set, is appended (whitespace-separated): later options win, so it can
 * replace any of these, e.g. {@code -Xmx512m} or {@code -XX:NativeMemoryTracking=summary} to look at the memory.
 */
final class ServiceJvmOptions {

    static final String EXTRA_OPTIONS_VARIABLE = "COGNATE_LOCAL_JVM_OPTIONS";

    /**
     * Maximum heap per service. user-pool-service hashes passwords with Argon2id, 19 MiB per hash in flight, at most
     * one per core (password/PasswordHashing's pool), on top of its request working set.
     */
    private static final Map<String, String> MAX_HEAP = Map.of(
            "user-pool-service", "160m",
            "hosted-ui-service", "96m",
            "identity-pool-service", "96m",
            "trigger-runner", "96m");

    /** The heap the JVM starts with; it grows towards the maximum under load. */
    private static final String INITIAL_HEAP = "48m";

    /** The same for every service. */
    private static final List<String> COMMON = List.of(
            // Small heaps: the serial collector has the smallest footprint (no remembered sets, no concurrent threads)
            // and its young pauses stay at a few milliseconds at these sizes.
            "-XX:+UseSerialGC",
            "-XX:MaxMetaspaceSize=128m",
            "-XX:ReservedCodeCacheSize=64m",
            // Netty's pooled buffers (Vert.x) and NIO: bounded instead of defaulting to the heap's size
            "-XX:MaxDirectMemorySize=64m",
            "-Xss512k",
            // An exhausted heap stops the process (and the stack says which one) instead of limping on
            "-XX:+ExitOnOutOfMemoryError");

    private ServiceJvmOptions() {
    }

    static List<String> of(String service, Map<String, String> stackEnvironment) {
        String maxHeap = MAX_HEAP.get(service);
        if (maxHeap == null) {
            throw new IllegalArgumentException("no JVM options for " + service);
        }
        List<String> options = new ArrayList<>();
        options.add("-Xms" + INITIAL_HEAP);
        options.add("-Xmx" + maxHeap);
        options.addAll(COMMON);
        String extra = stackEnvironment.getOrDefault(EXTRA_OPTIONS_VARIABLE, "").trim();
        if (!extra.isEmpty()) {
            options.addAll(Arrays.asList(extra.split("\\s+")));
        }
        return options;
    }
}
