package dev.cognate.testkit;

/**
 * One scrape of a service's {@code /q/metrics} (Prometheus text format), read the way an operator's query would:
 * a sample by name and labels. Tests compare two scrapes around the action they drive.
 */
public record PrometheusText(String text) {

    /**
     * The value of {@code name{labels}}, labels written as Prometheus prints them (alphabetical,
     * {@code a="x",b="y"}); 0 when the series does not exist (a counter nobody has incremented yet).
     */
    public double value(String name, String labels) {
        String series = labels.isEmpty() ? name : name + "{" + labels;
        return text.lines()
                .filter(line -> !line.startsWith("#"))
                .filter(line -> labels.isEmpty() ? line.startsWith(name + " ") || line.startsWith(name + "{")
                        : line.startsWith(series + "}") || line.startsWith(series + ",}"))
                .mapToDouble(PrometheusText::sampleValue)
                .findFirst().orElse(0);
    }

    /**
     * The value of a sample line: the token after the series, before an exemplar ({@code # {trace_id="..."} 1.0 <time>},
     * which Micrometer appends when a span was current while the sample was recorded) and a timestamp, if any.
     */
    private static double sampleValue(String line) {
        int exemplar = line.indexOf(" # ");
        String sample = exemplar < 0 ? line : line.substring(0, exemplar);
        boolean labelled = sample.contains("}");
        // "name{labels} value [timestamp]" or "name value [timestamp]"
        String[] tokens = (labelled ? sample.substring(sample.lastIndexOf('}') + 1) : sample).trim().split("\\s+");
        return Double.parseDouble(tokens[labelled ? 0 : 1]);
    }

    /** How much {@code name{labels}} grew since {@code before}. */
    public double increase(PrometheusText before, String name, String labels) {
        return value(name, labels) - before.value(name, labels);
    }

    /** Whether the scrape has a sample of {@code name} at all. */
    public boolean has(String name) {
        return text.lines().anyMatch(line -> line.startsWith(name + " ") || line.startsWith(name + "{"));
    }
}
