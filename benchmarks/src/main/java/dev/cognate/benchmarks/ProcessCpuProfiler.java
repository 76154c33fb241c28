package dev.cognate.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

/**
 * {@code -prof dev.cognate.benchmarks.ProcessCpuProfiler}: the CPU time the benchmark's JVM used per operation (all its
 * threads — the benchmark thread, GC, JIT — user + system, from the OS), as {@code cpu.time.norm} in µs/op. On a shared
 * machine the wall-clock score grows with everyone else's load; this figure barely does, so two implementations can be
 * compared while other builds run (what each costs, not how fast it ran).
 */
public class ProcessCpuProfiler implements InternalProfiler {

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long startCpu;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per operation (all threads, user + system)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        startCpu = OS.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long cpu = OS.getProcessCpuTime() - startCpu;
        long ops = result.getMetadata() == null ? 0 : result.getMetadata().getAllOps();
        double perOp = ops == 0 ? Double.NaN : cpu / 1000.0 / ops;
        return List.of(new ScalarResult("cpu.time.norm", perOp, "us/op", AggregationPolicy.AVG));
    }
}
