package dev.cognate.local;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium, headless, driven by Playwright for Java: the browser of every journey through the hosted pages.
 * Playwright never downloads a browser of its own here.
 */
final class Chromium implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    /** What Chromium needs to run in a container without a desktop, and nothing that would talk to Google. */
    private static final List<String> QUIET = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run");
    /**
     * A pool's login domain is {@code <prefix>.auth.<region>.localhost}: send it to loopback without asking a resolver,
     * which a machine without DNS may not have.
     */
    static final String LOCALHOST_TO_LOOPBACK = "--host-resolver-rules=MAP *.localhost 127.0.0.1";

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Skips the calling test where Chromium is not installed. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(EXECUTABLE), "needs " + EXECUTABLE + " (apt-get install -y chromium)");
    }

    /** Chromium that resolves every {@code *.localhost} name to loopback, as the hosted login's domains need. */
    static Chromium forLoginDomains() {
        return launch(LOCALHOST_TO_LOOPBACK);
    }

    /** Chromium with the quiet arguments and {@code extraArguments}. */
    static Chromium launch(String... extraArguments) {
        List<String> arguments = new ArrayList<>(QUIET);
        arguments.addAll(List.of(extraArguments));
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            return new Chromium(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE)
                    .setHeadless(true).setArgs(arguments)));
        } catch (RuntimeException failure) {
            playwright.close();
            throw failure;
        }
    }

    /** A new browser context (its own cookies: a browser without a session) with a desktop viewport. */
    BrowserContext newContext() {
        return browser.newContext();
    }

    /** A new browser context as a phone shows the pages (390×844, mobile). */
    BrowserContext newPhoneContext() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true));
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
