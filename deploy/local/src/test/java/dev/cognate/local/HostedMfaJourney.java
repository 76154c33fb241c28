package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A user of a pool with MFA ON signs in through the hosted login for the first time in Chromium (Playwright): the
 * engine asks MFA_SETUP, the set-up page shows the QR code and the secret as text; the test reads the secret as a user
 * would type it into an app, computes the TOTP code (RFC 6238, below), finishes the set-up and lands on the app's
 * callback with a code that the token endpoint redeems. In a new browser (no hosted-UI session) the user signs in again
 * and answers the authenticator-code page. Screenshots land in {@code target/screenshots/hosted-mfa/}.
 */
final class HostedMfaJourney implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots", "hosted-mfa");
    private static final String USERNAME = "mfa-journey";
    private static final String PASSWORD = "Journey-Mfa-Passw0rd!";
    private static final String VERIFIER = "a-verifier-of-forty-three-characters-or-more-mfa-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CognitoIdentityProviderClient operator;
    private final String userPoolUrl;
    private final AppCallbackServer apps = AppCallbackServer.start();
    private final String callback = apps.url("/mfa-app/callback");
    private int screenshot;

    HostedMfaJourney(CognitoIdentityProviderClient operator, String userPoolUrl) {
        this.operator = operator;
        this.userPoolUrl = userPoolUrl;
    }

    void run() throws Exception {
        assumeTrue(Files.isExecutable(HostedLoginJourney.CHROMIUM), "needs " + HostedLoginJourney.CHROMIUM + " (apt-get install -y chromium)");
        Files.createDirectories(SCREENSHOTS);
        String poolId = operator.createUserPool(r -> r.poolName("MFA Journey")).userPool().id();
        // discovery names the authorization endpoint of the pool's login domain (<prefix>.auth.<region>.localhost)
        operator.createUserPoolDomain(r -> r.userPoolId(poolId).domain("mfa-" + poolId.substring(poolId.indexOf('_') + 1).toLowerCase()));
        operator.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)
                .softwareTokenMfaConfiguration(c -> c.enabled(true)));
        String clientId = operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName("mfa-app").generateSecret(false)
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid")
                .callbackURLs(callback).supportedIdentityProviders("COGNITO")).userPoolClient().clientId();
        operator.adminCreateUser(r -> r.userPoolId(poolId).username(USERNAME).messageAction("SUPPRESS"));
        operator.adminSetUserPassword(r -> r.userPoolId(poolId).username(USERNAME).password(PASSWORD).permanent(true));

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(HostedLoginJourney.CHROMIUM)
                     .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync", "--no-first-run",
                             // the login domain resolves to loopback without asking a resolver
                             "--host-resolver-rules=MAP *.localhost 127.0.0.1")))) {
            long setUpStep;
            String secret;
            try (BrowserContext first = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true))) {
                Page page = first.newPage();
                try {
                    signIn(page, poolId, clientId, "first");
                    page.waitForURL(url -> URI.create(url).getPath().equals("/mfaSetup"));
                    shot(page, "set-up");
                    assertThat(page.locator(".qr svg").count()).as("the QR code").isEqualTo(1);
                    secret = page.getByLabel("Secret key").inputValue().replace(" ", "");
                    assertThat(secret).matches("[A-Z2-7]{32}");
                    assertThat(page.locator(".qr").getAttribute("data-otpauth-uri"))
                            .isEqualTo("otpauth://totp/MFA%20Journey:" + USERNAME + "?secret=" + secret + "&issuer=MFA%20Journey");
                    assertThat(page.evaluate("() => document.activeElement.id")).as("the code field has the focus").isEqualTo("setup-code");
                    setUpStep = Instant.now().getEpochSecond() / 30;
                    page.getByLabel("Code from the app").fill(totp(secret, setUpStep));
                    page.getByLabel("Device name (optional)").fill("Journey phone");
                    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
                    assertRedeemable(apps.awaitRequest(callback, Duration.ofSeconds(30)), poolId, clientId, "first");
                } catch (AssertionError | RuntimeException failure) {
                    shot(page, "failed-set-up");
                    throw failure;
                }
            }

            try (BrowserContext second = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true))) {
                Page page = second.newPage();
                try {
                    signIn(page, poolId, clientId, "second");
                    page.waitForURL(url -> URI.create(url).getPath().equals("/mfa"));
                    shot(page, "code");
                    assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("mfa-code");
                    // each code is accepted once: the set-up used its step's, the next step's is still within the ±1 window
                    page.getByLabel("Code").fill(totp(secret, Math.max(setUpStep + 1, Instant.now().getEpochSecond() / 30)));
                    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
                    assertRedeemable(apps.awaitRequest(callback, Duration.ofSeconds(30)), poolId, clientId, "second");
                } catch (AssertionError | RuntimeException failure) {
                    shot(page, "failed-sign-in");
                    throw failure;
                }
            }
        }
    }

    @Override
    public void close() {
        apps.close();
    }

    private void signIn(Page page, String poolId, String clientId, String state) throws Exception {
        page.navigate(authorize(poolId, clientId, state));
        page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(USERNAME);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    }

    /** The callback carries a code with the state and issuer, and the token endpoint gives the user's ID token for it. */
    private void assertRedeemable(String callbackUrl, String poolId, String clientId, String state) throws Exception {
        Map<String, String> query = query(callbackUrl);
        assertThat(query).containsKey("code").containsEntry("state", state).containsEntry("iss", userPoolUrl + "/" + poolId);
        String form = "grant_type=authorization_code&client_id=" + clientId + "&code=" + URLEncoder.encode(query.get("code"), StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8) + "&code_verifier=" + VERIFIER;
        HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(userPoolUrl + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode idToken = JSON.readTree(Base64.getUrlDecoder().decode(JSON.readTree(tokens.body()).path("id_token").asText().split("\\.")[1]));
        assertThat(idToken.path("cognito:username").asText()).isEqualTo(USERNAME);
    }

    private String authorize(String poolId, String clientId, String state) throws Exception {
        String endpoint = JSON.readTree(URI.create(userPoolUrl + "/" + poolId + "/.well-known/openid-configuration").toURL())
                .path("authorization_endpoint").asText();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
        return endpoint + "?response_type=code&client_id=" + clientId + "&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8)
                + "&scope=openid&state=" + state + "&code_challenge=" + challenge + "&code_challenge_method=S256";
    }

    /** RFC 6238 with the authenticator apps' defaults: HMAC-SHA-1 of the 30-second step, 6 digits (RFC 4226's truncation). */
    static String totp(String base32Secret, long step) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.replace("=", "").toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                bytes.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return bytes.toByteArray();
    }

    private void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(String.format("%02d-%s.png", ++screenshot, name)))
                .setFullPage(true));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                parameters.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }
}
