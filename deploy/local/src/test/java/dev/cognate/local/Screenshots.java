package dev.cognate.local;

import com.microsoft.playwright.Page;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** A journey's screenshots, numbered in the order taken, in {@code target/screenshots/<journey>/}. */
final class Screenshots {

    /** Steps in the browser that may fail. */
    @FunctionalInterface
    interface Steps {
        void run() throws Exception;
    }

    private final Path directory;
    private int taken;

    private Screenshots(Path directory) {
        this.directory = directory;
    }

    static Screenshots of(String journey) throws IOException {
        return new Screenshots(Files.createDirectories(Path.of("target", "screenshots", journey)));
    }

    void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(directory.resolve(String.format("%02d-%s.png", ++taken, name)))
                .setFullPage(true));
    }

    /** Runs {@code steps}; when one fails, the page as it was then is kept as {@code name} before the failure goes on. */
    void onFailure(Page page, String name, Steps steps) throws Exception {
        onFailure(page, failed -> name, steps);
    }

    /** As above, the screenshot named from the page at the failure. */
    void onFailure(Page page, Function<Page, String> name, Steps steps) throws Exception {
        try {
            steps.run();
        } catch (AssertionError | RuntimeException failure) {
            shot(page, name.apply(page));
            throw failure;
        }
    }

    /** A screenshot name for the page's path: {@code failed-at-_login} for {@code /login}. */
    static String failedAtPath(Page page) {
        return "failed-at-" + URI.create(page.url()).getPath().replaceAll("[^A-Za-z0-9]", "_");
    }
}
