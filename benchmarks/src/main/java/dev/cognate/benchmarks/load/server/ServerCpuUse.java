package dev.cognate.benchmarks.load.server;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The CPU seconds each part of the server side used during {@code wallSeconds} of measured time, and what that makes
 * per core.
 */
public record ServerCpuUse(List<Part> parts, double wallSeconds) {

    /** {@code processes}: how many processes the part's tree had at the end (the postmaster and its children, say). */
    public record Part(String name, long pid, int processes, double cpuSeconds) {
    }

    public double totalCpuSeconds() {
        return parts.stream().mapToDouble(Part::cpuSeconds).sum();
    }

    /** Successful requests per server CPU-second: what one fully busy server core would serve. NaN without CPU. */
    public double perCore(long okRequests) {
        double cpu = totalCpuSeconds();
        return cpu > 0 ? okRequests / cpu : Double.NaN;
    }

    /** CPU milliseconds of the server side per successful request. */
    public double cpuMillisPerRequest(long okRequests) {
        return okRequests > 0 ? totalCpuSeconds() * 1000 / okRequests : Double.NaN;
    }

    /** One line per part, then the sum and the per-core figure. */
    public void print(PrintStream out, long okRequests) {
        for (Part part : parts) {
            String tree = part.processes() > 1 ? String.format(Locale.ROOT, "pid %d + %d descendants", part.pid(), part.processes() - 1)
                    : part.processes() == 1 ? "pid " + part.pid() : "pid " + part.pid() + ", gone at the end";
            out.printf(Locale.ROOT, "server CPU   %-22s %8.2f s  %5.2f cores  (%s)%n", part.name(), part.cpuSeconds(),
                    part.cpuSeconds() / wallSeconds, tree);
        }
        out.printf(Locale.ROOT, "server CPU   %-22s %8.2f s  %5.2f cores  in %.2f s: %.2f ms of server CPU per ok request,"
                        + " %.0f ok requests per server CPU-second (per core)%n", "total", totalCpuSeconds(),
                totalCpuSeconds() / wallSeconds, wallSeconds, cpuMillisPerRequest(okRequests), perCore(okRequests));
    }
}
