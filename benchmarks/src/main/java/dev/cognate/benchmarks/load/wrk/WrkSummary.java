package dev.cognate.benchmarks.load.wrk;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What wrk printed at the end of a run with {@code --latency}: requests, the errors and the latency distribution.
 *
 * <pre>
 *   Thread Stats   Avg      Stdev     Max   +/- Stdev
 *     Latency     1.82ms    4.73ms  54.31ms   95.89%
 *   ...
 *   Latency Distribution
 *      50%  596.00us
 *      ...
 *      99%   29.37ms
 *   4376 requests in 2.01s, 2.17MB read
 *   Socket errors: connect 0, read 0, write 0, timeout 3
 *   Non-2xx or 3xx responses: 4376
 * </pre>
 *
 * wrk counts a response as an error when its status is 400 or more (its "Non-2xx or 3xx" line says more than it counts):
 * a 3xx counts as done. None of the harness's scenarios answers 3xx when it works, and the harness checks each request
 * once before the run. Socket errors (connect, read, write, timeout) are requests that got no response; they are not
 * in {@code requests}. Latencies are of every response, refused ones included, in nanoseconds.
 *
 * @param requests   responses received, refused ones included
 * @param seconds    the run's duration as wrk printed it
 * @param status     responses with status ≥ 400
 * @param socket     socket errors by kind (connect, read, write, timeout), only those that occurred
 */
public record WrkSummary(long requests, double seconds, long status, Map<String, Long> socket, long p50, long p75, long p90,
                         long p99, long max, long mean) {

    private static final Pattern REQUESTS = Pattern.compile("^\\s*(\\d+) requests in ([\\d.]+)(us|ms|s|m|h),", Pattern.MULTILINE);
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern STATUS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern THREAD_LATENCY = Pattern.compile(
            "^\\s*Latency\\s+([\\d.]+)(us|ms|s|m|h)\\s+[\\d.]+(?:us|ms|s|m|h)\\s+([\\d.]+)(us|ms|s|m|h)", Pattern.MULTILINE);
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|75|90|99)%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$", Pattern.MULTILINE);

    /** Parses wrk's standard output; fails with the output quoted when it is not a summary (wrk failed to start, say). */
    public static WrkSummary parse(String output) {
        Matcher requests = REQUESTS.matcher(output);
        if (!requests.find()) {
            throw new IllegalArgumentException("no 'N requests in T' line in wrk's output:\n" + output);
        }
        Map<String, Long> socket = new LinkedHashMap<>();
        Matcher errors = SOCKET.matcher(output);
        if (errors.find()) {
            String[] kinds = {"connect", "read", "write", "timeout"};
            for (int i = 0; i < kinds.length; i++) {
                long count = Long.parseLong(errors.group(i + 1));
                if (count > 0) {
                    socket.put(kinds[i], count);
                }
            }
        }
        Matcher status = STATUS.matcher(output);
        long refused = status.find() ? Long.parseLong(status.group(1)) : 0;
        long[] percentiles = new long[4];
        Matcher percentile = PERCENTILE.matcher(output);
        int seen = 0;
        while (percentile.find()) {
            int index = switch (percentile.group(1)) {
                case "50" -> 0;
                case "75" -> 1;
                case "90" -> 2;
                default -> 3;
            };
            percentiles[index] = nanos(percentile.group(2), percentile.group(3));
            seen++;
        }
        long count = Long.parseLong(requests.group(1));
        if (seen < 4 && count > 0) {
            throw new IllegalArgumentException("no latency distribution in wrk's output (run it with --latency):\n" + output);
        }
        Matcher thread = THREAD_LATENCY.matcher(output);
        long mean = 0;
        long max = 0;
        if (thread.find()) {
            mean = nanos(thread.group(1), thread.group(2));
            max = nanos(thread.group(3), thread.group(4));
        }
        return new WrkSummary(count, nanos(requests.group(2), requests.group(3)) / 1e9, refused, socket,
                percentiles[0], percentiles[1], percentiles[2], percentiles[3], max, mean);
    }

    /** Responses below 400. */
    public long ok() {
        return requests - status;
    }

    public long socketErrors() {
        return socket.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The errors by kind, as the harness's error table names them. */
    public Map<String, Long> errors() {
        Map<String, Long> errors = new LinkedHashMap<>();
        if (status > 0) {
            errors.put("HTTP status >= 400", status);
        }
        socket.forEach((kind, count) -> errors.put("socket " + kind + " error", count));
        return errors;
    }

    /** wrk's units: us, ms, s, m, h, printed with two decimals. */
    static long nanos(String value, String unit) {
        double amount = Double.parseDouble(value);
        double factor = switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> throw new IllegalArgumentException("unknown wrk time unit " + unit);
        };
        return Math.round(amount * factor);
    }
}
