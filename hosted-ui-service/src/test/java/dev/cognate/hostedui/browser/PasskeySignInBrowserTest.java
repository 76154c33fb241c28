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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The passkey page's script in a real browser (Debian's Chromium through Playwright; skipped without it): a CDP virtual
 * authenticator (ctap2, internal, resident keys, user verification) holding a passkey of the RP {@code localhost} whose
 * private key the test made; the user types the username, presses "Sign in with a passkey", then "Use my passkey"; the
 * script turns the engine's CREDENTIAL_REQUEST_OPTIONS into {@code navigator.credentials.get} and posts an
 * AuthenticationResponseJSON whose signature verifies with the passkey's public key over this challenge and origin.
 */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasskeySignInBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] CREDENTIAL_ID = "passkey-of-passkeyuser".getBytes(StandardCharsets.UTF_8);

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
    void signsInWithThePasskeyOfAVirtualAuthenticator() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair passkey = generator.generateKeyPair();
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
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
            JsonObject credential = new JsonObject();
            credential.addProperty("credentialId", Base64.getEncoder().encodeToString(CREDENTIAL_ID));
            credential.addProperty("isResidentCredential", true);
            credential.addProperty("rpId", "localhost");
            credential.addProperty("privateKey", Base64.getEncoder().encodeToString(passkey.getPrivate().getEncoded()));
            credential.addProperty("userHandle", Base64.getEncoder().encodeToString("user-handle".getBytes(StandardCharsets.UTF_8)));
            credential.addProperty("signCount", 0);
            JsonObject addCredential = new JsonObject();
            addCredential.addProperty("authenticatorId", authenticatorId);
            addCredential.add("credential", credential);
            cdp.send("WebAuthn.addCredential", addCredential);
            // the app's callback is not reachable from here: the browser lands on a stand-in page
            page.route(FakeUserPool.CALLBACK_URL + "**", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                    .setStatus(200).setContentType("text/plain").setBody("app")));

            String query = HostedUiBrowser.authorizeQuery(FakeUserPool.PASSWORDLESS_CLIENT).entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            page.navigate(login + "?" + query);
            page.getByLabel("Username").fill(FakeUserPool.PASSKEY_USER);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with a passkey")).click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in with a passkey")))
                    .isVisible();
            // keyboard: the button has the focus, Enter runs the ceremony
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use my passkey"))).isFocused();
            page.keyboard().press("Enter");
            page.waitForURL(url -> url.startsWith(FakeUserPool.CALLBACK_URL + "?code="));

            JsonNode answered = FakeUserPool.lastRequest("respond-to-challenge");
            assertThat(answered.path("challengeName").asText()).isEqualTo("WEB_AUTHN");
            JsonNode assertion = JSON.readTree(answered.path("responses").path("CREDENTIAL").asText());
            String credentialId = Base64.getUrlEncoder().withoutPadding().encodeToString(CREDENTIAL_ID);
            assertThat(assertion.path("id").asText()).isEqualTo(credentialId);
            assertThat(assertion.path("rawId").asText()).isEqualTo(credentialId);
            assertThat(assertion.path("type").asText()).isEqualTo("public-key");
            byte[] clientDataJson = Base64.getUrlDecoder().decode(assertion.path("response").path("clientDataJSON").asText());
            JsonNode clientData = JSON.readTree(clientDataJson);
            assertThat(clientData.path("type").asText()).isEqualTo("webauthn.get");
            assertThat(clientData.path("challenge").asText()).isEqualTo(FakeUserPool.PASSKEY_CHALLENGE);
            assertThat(clientData.path("origin").asText()).isEqualTo("http://localhost:" + login.getPort());
            byte[] authenticatorData = Base64.getUrlDecoder().decode(assertion.path("response").path("authenticatorData").asText());
            assertThat(authenticatorData[32] & 0x05).as("user present and verified").isEqualTo(0x05);
            assertThat(Base64.getUrlDecoder().decode(assertion.path("response").path("userHandle").asText()))
                    .isEqualTo("user-handle".getBytes(StandardCharsets.UTF_8));

            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(passkey.getPublic());
            verifier.update(authenticatorData);
            verifier.update(MessageDigest.getInstance("SHA-256").digest(clientDataJson));
            assertThat(verifier.verify(Base64.getUrlDecoder().decode(assertion.path("response").path("signature").asText())))
                    .as("the signature verifies with the passkey's public key").isTrue();
        }
    }
}
