package dev.cognate.local;

/** A main class that StartupArchiveTests runs in a JVM of its own, from a jar, until it is stopped. */
public final class ArchiveProbe {

    private ArchiveProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("probe ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
