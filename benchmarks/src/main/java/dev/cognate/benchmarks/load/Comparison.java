package dev.cognate.benchmarks.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side table: for each scenario, the per-core figures of Cognate and of the other server over the rounds,
 * and their ratio round by round (the two runs of a round were made next to each other, under the same conditions as
 * far as a shared machine allows, so a round's ratio is steadier than either figure).
 */
final class Comparison {

    /** One measured run. {@code perCore}: ok requests per server CPU-second, NaN when the server's CPU was not measured. */
    record Run(String scenario, boolean cognate, int round, long ok, long errors, double throughput, long p50Nanos, long p99Nanos,
               double perCore) {
    }

    /** A scenario's figures: per core and ratio as min, median, max over the rounds. */
    record Row(String scenario, Spread cognate, Spread other, Spread ratio, long cognateErrors, long otherErrors, long cognateP99,
               long otherP99) {
    }

    /** Smallest, median and largest of some figures (NaN ones left out; all NaN when none is left). */
    record Spread(double min, double median, double max, int count) {

        static Spread of(List<Double> values) {
            double[] known = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted().toArray();
            if (known.length == 0) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            int n = known.length;
            double median = n % 2 == 1 ? known[n / 2] : (known[n / 2 - 1] + known[n / 2]) / 2;
            return new Spread(known[0], median, known[n - 1], n);
        }

        String format(String pattern) {
            if (count == 0) {
                return "n/a";
            }
            String median = String.format(Locale.ROOT, pattern, this.median);
            return count == 1 ? median : median + " (" + String.format(Locale.ROOT, pattern, min) + "–"
                    + String.format(Locale.ROOT, pattern, max) + ")";
        }
    }

    private final List<Run> runs = new ArrayList<>();

    void add(Run run) {
        runs.add(run);
    }

    /** The rows, in the order the scenarios were first run. A round's ratio needs both of its runs with their CPU. */
    List<Row> rows() {
        Map<String, List<Run>> byScenario = new LinkedHashMap<>();
        runs.forEach(run -> byScenario.computeIfAbsent(run.scenario(), k -> new ArrayList<>()).add(run));
        List<Row> rows = new ArrayList<>();
        byScenario.forEach((scenario, list) -> {
            List<Double> cognate = new ArrayList<>();
            List<Double> other = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            long cognateErrors = 0;
            long otherErrors = 0;
            long cognateP99 = 0;
            long otherP99 = 0;
            for (Run run : list) {
                if (run.cognate()) {
                    cognate.add(run.perCore());
                    cognateErrors += run.errors();
                    cognateP99 = Math.max(cognateP99, run.p99Nanos());
                } else {
                    other.add(run.perCore());
                    otherErrors += run.errors();
                    otherP99 = Math.max(otherP99, run.p99Nanos());
                }
            }
            for (Run run : list) {
                if (run.cognate()) {
                    list.stream().filter(o -> !o.cognate() && o.round() == run.round()).findFirst()
                            .ifPresent(o -> ratios.add(run.perCore() / o.perCore()));
                }
            }
            rows.add(new Row(scenario, Spread.of(cognate), Spread.of(other), Spread.of(ratios), cognateErrors, otherErrors,
                    cognateP99, otherP99));
        });
        return rows;
    }

    void print(PrintStream out, String otherName) {
        out.println();
        out.printf(Locale.ROOT, "%-20s %-26s %-26s %-22s %s%n", "scenario", "Cognate per core", otherName + " per core",
                "Cognate ÷ " + otherName, "errors, worst p99 (Cognate / " + otherName + ")");
        for (Row row : rows()) {
            out.printf(Locale.ROOT, "%-20s %-26s %-26s %-22s %d / %d, %.1f / %.1f ms%n", row.scenario(), row.cognate().format("%.0f"),
                    row.other().format("%.0f"), row.ratio().format("%.2f×"), row.cognateErrors(), row.otherErrors(),
                    row.cognateP99() / 1e6, row.otherP99() / 1e6);
        }
        out.println("(per core: ok requests per CPU-second of the server side; median (min–max) over the rounds; the ratio is"
                + " taken round by round)");
    }
}
