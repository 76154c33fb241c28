package dev.cognate.hostedui.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.cognate.hostedui.support.FakeUserPool;
import dev.cognate.hostedui.support.HostedUiBrowser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The error page in a real browser: Debian's Chromium driven by Playwright, on a phone-size viewport. Needs
 * {@code apt-get install -y chromium}; skipped (with that hint) when /usr/bin/chromium is absent. Playwright never
 * downloads a browser: {@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1} is passed to its driver.
 */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginPageBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/login?client_id=unknown")
    URL unknownClientLogin;

    @TestHTTPResource("/oauth2/authorize")
    URL authorize;

    @TestHTTPResource("/login")
    URL login;

    private Playwright playwright;
    private Browser browser;

    @BeforeAll
    void launchChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "Browser tests skipped: " + CHROMIUM + " is missing (apt-get install -y chromium)");
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    void closeChromium() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void showsAnAccessibleStyledErrorPageForAnUnknownClientOnAPhone() throws Exception {
        try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(390, 844).setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true))) {
            Page page = phone.newPage();
            String url = unknownClientLogin.toString();
            List<String> consoleErrors = new ArrayList<>();
            page.onConsoleMessage(message -> {
                // The page itself answers 400 by design; Chromium reports that as "Failed to load resource".
                if ("error".equals(message.type()) && !message.location().startsWith(url)) {
                    consoleErrors.add(message.text() + " at " + message.location());
                }
            });
            List<String> failedResources = new ArrayList<>();
            page.onResponse(response -> {
                if (!"document".equals(response.request().resourceType()) && response.status() >= 400) {
                    failedResources.add(response.status() + " " + response.url());
                }
            });

            var response = page.navigate(url);

            assertThat(response.status()).isEqualTo(400);
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING,
                    new Page.GetByRoleOptions().setName("An error was encountered with the requested page.")))
                    .isVisible();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.ALERT))
                    .hasText("There is no app client with the client_id \"unknown\".");
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.MAIN)).isVisible();
            assertThat(page.evaluate("document.documentElement.lang")).isEqualTo("en");
            assertThat(page.title()).isEqualTo("Error");

            // The stylesheet loaded and applied: the card is not the browser's default transparent block.
            assertThat(page.evaluate("getComputedStyle(document.querySelector('.card')).borderTopLeftRadius"))
                    .isEqualTo("8px");
            assertThat(page.evaluate("getComputedStyle(document.body).backgroundColor"))
                    .isNotEqualTo("rgba(0, 0, 0, 0)");
            // Nothing wider than the phone: no horizontal scrolling.
            assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);

            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("login-unknown-client-phone.png"))
                    .setFullPage(true));

            // Keyboard users get the skip link first, visibly (hidden until focused), and it leads to <main>.
            var skipLink = page.getByRole(AriaRole.LINK,
                    new Page.GetByRoleOptions().setName("Skip to main content"));
            PlaywrightAssertions.assertThat(skipLink).not().isInViewport();
            page.keyboard().press("Tab");
            PlaywrightAssertions.assertThat(skipLink).isFocused();
            PlaywrightAssertions.assertThat(skipLink).isInViewport();
            assertThat(page.evaluate("getComputedStyle(document.activeElement).outlineStyle")).isEqualTo("solid");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("login-unknown-client-phone-focus.png")));
            page.keyboard().press("Enter");
            assertThat(page.evaluate("document.activeElement.id")).isEqualTo("main");

            // No CSP violation, no failed stylesheet or icon: the browser console stays clean.
            assertThat(failedResources).isEmpty();
            assertThat(consoleErrors).isEmpty();
        }
    }

    @Test
    void signsInThroughTheFormOnAPhoneAndLandsOnTheCallbackWithACode() throws Exception {
        try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(390, 844).setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true))) {
            Page page = phone.newPage();
            List<String> consoleErrors = new ArrayList<>();
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    consoleErrors.add(message.text() + " at " + message.location());
                }
            });
            // The app's callback: answered here, as the app would, so the browser really navigates to it.
            List<String> callbacks = new ArrayList<>();
            page.route(FakeUserPool.CALLBACK_URL + "**", route -> {
                callbacks.add(route.request().url());
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                        .setStatus(200).setContentType("text/html").setBody("<!DOCTYPE html><title>app</title>signed in"));
            });
            StringBuilder query = new StringBuilder();
            HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT).forEach((name, value) -> query
                    .append(query.isEmpty() ? "?" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));

            page.navigate(authorize + query.toString());

            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING,
                    new Page.GetByRoleOptions().setName("Sign in with your username and password"))).isVisible();
            assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("login-form-phone.png"))
                    .setFullPage(true));

            // A wrong password first: the alert is announced and the typed username stays.
            page.getByLabel("Username").fill(FakeUserPool.USER);
            page.getByLabel("Password").fill("not-the-password");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.ALERT)).hasText("Incorrect username or password.");
            PlaywrightAssertions.assertThat(page.getByLabel("Username")).hasValue(FakeUserPool.USER);
            PlaywrightAssertions.assertThat(page.getByLabel("Password")).hasValue("");

            // Keyboard only: the password field, then Enter submits.
            page.getByLabel("Password").focus();
            page.keyboard().type(FakeUserPool.PASSWORD);
            page.keyboard().press("Enter");
            page.waitForURL(FakeUserPool.CALLBACK_URL + "**");

            assertThat(callbacks).hasSize(1);
            var parameters = HostedUiBrowser.queryOf(callbacks.get(0));
            assertThat(parameters.get("code")).matches("[A-Za-z0-9_-]{43}");
            assertThat(parameters).containsEntry("state", "st-123")
                    .containsEntry("iss", "http://localhost:8081/" + FakeUserPool.POOL_ID);
            assertThat(phone.cookies().stream().map(cookie -> cookie.name))
                    .contains("__Host-cognate-session", "__Host-cognate-csrf");
            assertThat(consoleErrors.stream().filter(error -> !error.contains("Failed to load resource")))
                    .as("no CSP violation or script error").isEmpty();
        }
    }

    @Test
    void appliesAClientsBrandingInChromium() {
        try (BrowserContext desktop = browser.newContext()) {
            Page page = desktop.newPage();
            List<String> failedResources = new ArrayList<>();
            page.onResponse(response -> {
                if (response.status() >= 400) {
                    failedResources.add(response.status() + " " + response.url());
                }
            });
            List<String> consoleErrors = new ArrayList<>();
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    consoleErrors.add(message.text());
                }
            });
            StringBuilder query = new StringBuilder();
            HostedUiBrowser.authorizeQuery(FakeUserPool.BRANDED_CLIENT).forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&")
                    .append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));

            assertThat(page.navigate(login + query.toString()).status()).isEqualTo(200);

            // FakeUserPool's SetUICustomization CSS: .submitButton-customizable { background-color: #ff6600 }
            assertThat(page.evaluate("getComputedStyle(document.querySelector('button.submitButton-customizable')).backgroundColor"))
                    .as("the branded colour wins over cognate.css, under the CSP (style-src 'self')").isEqualTo("rgb(255, 102, 0)");
            PlaywrightAssertions.assertThat(page.getByAltText("demo pool logo")).isVisible();
            assertThat((Integer) page.evaluate("document.querySelector('img.logo-customizable').naturalWidth"))
                    .as("the logo loaded").isEqualTo(2);
            assertThat(failedResources).isEmpty();
            assertThat(consoleErrors).as("no CSP violation").isEmpty();
        }
    }
}
