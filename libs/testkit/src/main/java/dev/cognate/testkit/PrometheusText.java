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
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
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
