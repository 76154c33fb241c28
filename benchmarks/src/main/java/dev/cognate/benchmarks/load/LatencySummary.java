package dev.cognate.benchmarks.load;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies, by the nearest-rank method: the p-th percentile of n sorted samples is
 * the sample at rank {@code ceil(p / 100 * n)} (1-based), so it is always a latency that was really observed,
 * p100 is the maximum, and with a single sample every percentile is that sample.
 *
 * @param count number of samples
 * @param p50   median, in nanoseconds (0 when there are no samples, like every other field)
 * @param p90   90th percentile, in nanoseconds
 * @param p99   99th percentile, in nanoseconds
 * @param max   the largest sample, in nanoseconds
 * @param mean  the arithmetic mean, in nanoseconds
 */
public record LatencySummary(int count, long p50, long p90, long p99, long max, double mean) {

    /** Summarises the samples; sorts {@code samples} in place. */
    public static LatencySummary of(long[] samples) {
        if (samples.length == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }
        Arrays.sort(samples);
        double sum = 0;
        for (long sample : samples) {
            sum += sample;
        }
        return new LatencySummary(samples.length, percentile(samples, 50), percentile(samples, 90), percentile(samples, 99),
                samples[samples.length - 1], sum / samples.length);
    }

    /**
     * The nearest-rank percentile of {@code sorted} (ascending, not empty), for {@code 0 < p <= 100}.
     */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile out of (0, 100]: " + p);
        }
        // p / 100 * n in exact decimal steps where possible: 99.0 / 100 * 100 must give rank 99, not 100.
        long rank = (long) Math.ceil(p * sorted.length / 100.0 - 1e-9);
        return sorted[(int) Math.max(1, Math.min(rank, sorted.length)) - 1];
    }
}
