package dev.cognate.hostedui.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.cognate.hostedui.support.FakeFederation;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Federated sign-in from the sign-in page in Chromium: the provider's button (reached by keyboard) goes through
 * {@code /oauth2/authorize} to the provider, whose answer — a top-level redirect for OIDC, a cross-site form post for
 * SAML — carries the {@code SameSite=None; Secure} attempt cookie back to {@code http://localhost}, and the app's
 * callback gets the code. The providers ({@link FakeFederation}'s hosts) and the app are played by Playwright routes on
 * their own origins, so the browser really crosses sites.
 */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderButtonBrowserTest {

    @TestHTTPResource("/oauth2/authorize")
    URL authorize;

    @TestHTTPResource("/")
    URL root;

    private Playwright playwright;
    private Browser browser;

    @BeforeAll
    void launchChromium() {
        assumeTrue(Files.isExecutable(LoginPageBrowserTest.CHROMIUM),
                "Browser tests skipped: " + LoginPageBrowserTest.CHROMIUM + " is missing (apt-get install -y chromium)");
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(LoginPageBrowserTest.CHROMIUM).setHeadless(true)
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

    private String authorizeUrl() {
        StringBuilder query = new StringBuilder();
        HostedUiBrowser.authorizeQuery(FakeUserPool.FEDERATED_CLIENT).forEach((name, value) -> query
                .append(query.isEmpty() ? "?" : "&").append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return authorize + query.toString();
    }

    private static List<String> appCallbacks(Page page) {
        List<String> callbacks = new ArrayList<>();
        page.route(FakeUserPool.CALLBACK_URL + "**", route -> {
            callbacks.add(route.request().url());
            route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/html")
                    .setBody("<!DOCTYPE html><title>app</title>signed in"));
        });
        return callbacks;
    }

    private String base() {
        String url = root.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Test
    void continueWithGoogleByKeyboardSignsInThroughTheProvider() throws Exception {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844))) {
            Page page = context.newPage();
            List<String> callbacks = appCallbacks(page);
            // The provider: signs the user in at once and sends the browser back with a code and the state it was given.
            page.route(FakeFederation.OIDC_AUTHORIZE + "**", route -> {
                var query = HostedUiBrowser.queryOf(route.request().url());
                route.fulfill(new Route.FulfillOptions().setStatus(302).setHeaders(Map.of("Location", query.get("redirect_uri")
                        + "?code=" + FakeFederation.GOOD_CODE + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8))));
            });

            page.navigate(authorizeUrl());
            var google = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Continue with Google"));
            PlaywrightAssertions.assertThat(google).isVisible();
            Files.createDirectories(LoginPageBrowserTest.SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(LoginPageBrowserTest.SCREENSHOTS.resolve("login-providers-phone.png"))
                    .setFullPage(true));
            // keyboard only: the skip link, the first provider (Corp), then Google
            page.keyboard().press("Tab");
            page.keyboard().press("Tab");
            page.keyboard().press("Tab");
            PlaywrightAssertions.assertThat(google).isFocused();
            page.keyboard().press("Enter");
            page.waitForURL(FakeUserPool.CALLBACK_URL + "**");

            assertThat(callbacks).hasSize(1);
            var parameters = HostedUiBrowser.queryOf(callbacks.get(0));
            assertThat(parameters.get("code")).matches("[A-Za-z0-9_-]{43}");
            assertThat(parameters).containsEntry("state", "st-123");
            assertThat(FakeUserPool.lastRequest("federation/oidc-callback").path("hostedUiBaseUrl").asText()).isEqualTo(base());
            assertThat(context.cookies().stream().map(cookie -> cookie.name)).contains("__Host-cognate-session")
                    .doesNotContain("__Host-cognate-federation");
        }
    }

    @Test
    void aSamlProvidersCrossSitePostCarriesTheAttemptCookie() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            List<String> callbacks = appCallbacks(page);
            // The SAML provider's page: the POST binding's self-submitting form, from the provider's own origin.
            page.route(FakeFederation.SAML_SSO + "**", route -> {
                String request = HostedUiBrowser.queryOf(route.request().url()).get("SAMLRequest");
                String federationId = request.substring("req-".length());
                route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/html").setBody("""
                        <!DOCTYPE html><title>IdP</title>
                        <form method="post" action="%s/saml2/idpresponse">
                        <input type="hidden" name="SAMLResponse" value="sp:%s"><input type="hidden" name="RelayState" value="r">
                        </form><script>document.forms[0].submit()</script>""".formatted(base(), federationId)));
            });

            page.navigate(authorizeUrl());
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Okta")).click();
            page.waitForURL(FakeUserPool.CALLBACK_URL + "**");

            assertThat(callbacks).hasSize(1);
            assertThat(HostedUiBrowser.queryOf(callbacks.get(0)).get("code")).matches("[A-Za-z0-9_-]{43}");
            assertThat(context.cookies().stream().map(cookie -> cookie.name)).contains("__Host-cognate-session");
        }
    }
}
