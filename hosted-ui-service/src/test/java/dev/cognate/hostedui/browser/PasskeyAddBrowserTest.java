package dev.cognate.hostedui.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code /passkeys/add}'s script in a real browser (Debian's Chromium through Playwright; skipped without it): the user
 * signs in with a password, opens the page, presses Enter on the focused "Create a passkey" button; a CDP virtual
 * authenticator creates the passkey from the page's creation options ({@code navigator.credentials.create}) and the page
 * posts a RegistrationResponseJSON of this challenge and origin, then the browser is back at the app — with no CSP
 * violation or script error.
 */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasskeyAddBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/login")
    URL login;

    private Playwright playwright;
    private Browser browser;

    @BeforeAll
    void launchChromium() {
        assumeTrue(Files.isExecutable(LoginPageBrowserTest.CHROMIUM),
                "Browser tests skipped: " + LoginPageBrowserTest.CHROMIUM + " is missing (apt-get install -y chromium)");
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(LoginPageBrowserTest.CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
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
    void createsAPasskeyWithAVirtualAuthenticator() throws Exception {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            List<String> consoleErrors = new ArrayList<>();
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    consoleErrors.add(message.text());
                }
            });
            CDPSession cdp = context.newCDPSession(page);
            cdp.send("WebAuthn.enable");
            JsonObject authenticatorOptions = new JsonObject();
            authenticatorOptions.addProperty("protocol", "ctap2");
            authenticatorOptions.addProperty("transport", "internal");
            authenticatorOptions.addProperty("hasResidentKey", true);
            authenticatorOptions.addProperty("hasUserVerification", true);
            authenticatorOptions.addProperty("isUserVerified", true);
            JsonObject add = new JsonObject();
            add.add("options", authenticatorOptions);
            String authenticatorId = cdp.send("WebAuthn.addVirtualAuthenticator", add).get("authenticatorId").getAsString();
            page.route(FakeUserPool.CALLBACK_URL + "**", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                    .setStatus(200).setContentType("text/plain").setBody("app")));

            String query = HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT).entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            page.navigate(login + "?" + query);
            page.getByLabel("Username").fill(FakeUserPool.USER);
            page.getByLabel("Password").fill(FakeUserPool.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            page.waitForURL(url -> url.startsWith(FakeUserPool.CALLBACK_URL + "?code="));

            page.navigate(new URL(login, "/passkeys/add?client_id=" + FakeUserPool.KNOWN_CLIENT + "&redirect_uri="
                    + URLEncoder.encode(FakeUserPool.CALLBACK_URL, StandardCharsets.UTF_8)).toString());
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Create a passkey")))
                    .isVisible();
            // keyboard: the button has the focus, Enter runs the ceremony
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create a passkey"))).isFocused();
            page.keyboard().press("Enter");
            page.waitForURL(FakeUserPool.CALLBACK_URL);

            JsonNode completed = FakeUserPool.lastRequest("complete-passkey-registration");
            assertThat(completed.path("sub").asText()).isEqualTo(FakeUserPool.USER_SUB);
            JsonNode registration = JSON.readTree(completed.path("credential").asText());
            JsonObject listed = new JsonObject();
            listed.addProperty("authenticatorId", authenticatorId);
            var stored = cdp.send("WebAuthn.getCredentials", listed).getAsJsonArray("credentials");
            assertThat(stored.size()).as("the authenticator holds the new passkey").isEqualTo(1);
            String credentialId = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Base64.getDecoder().decode(stored.get(0).getAsJsonObject().get("credentialId").getAsString()));
            assertThat(stored.get(0).getAsJsonObject().get("rpId").getAsString()).isEqualTo("localhost");
            assertThat(registration.path("id").asText()).isEqualTo(credentialId);
            assertThat(registration.path("rawId").asText()).isEqualTo(credentialId);
            assertThat(registration.path("type").asText()).isEqualTo("public-key");
            JsonNode clientData = JSON.readTree(Base64.getUrlDecoder().decode(registration.path("response").path("clientDataJSON").asText()));
            assertThat(clientData.path("type").asText()).isEqualTo("webauthn.create");
            assertThat(clientData.path("challenge").asText()).isEqualTo(FakeUserPool.CREATION_CHALLENGE);
            assertThat(clientData.path("origin").asText()).isEqualTo("http://localhost:" + login.getPort());
            assertThat(Base64.getUrlDecoder().decode(registration.path("response").path("attestationObject").asText())).isNotEmpty();
            assertThat(consoleErrors).as("no CSP violation or script error").isEmpty();
        }
    }
}
