package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.cognate.testkit.ScriptRun;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A newcomer's whole way in through the hosted pages, driven by clients that are not ours: openid-client (Node) does
 * discovery, PKCE, the code redemption with every check it makes (state, {@code iss}, the ID token's signature and
 * nonce), userInfo, refresh, revocation and RP-initiated logout; Debian's Chromium (Playwright) fills the real forms —
 * sign up, the code read from the SMTP server, sign in — on pages branded with the app's SetUICustomization. A second client of the pool then signs in on the SSO
 * session without a password, a third gets tokens by the implicit flow, logout ends the session, and {@code prompt=none} afterwards answers {@code login_required}.
 * The apps are a local HTTP server that records where the browser was sent.
 * Screenshots of every page land in {@code target/screenshots/hosted-login/}.
 */
final class HostedLoginJourney implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path RELYING_PARTY = Path.of("src/test/node");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots", "hosted-login");
    private static final String EMAIL = "journey@example.test";
    private static final String PASSWORD = "Journey-Passw0rd!";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CognitoIdentityProviderClient operator;
    private final String userPoolUrl;
    private final StackMail mail;
    /** The apps' side: one local HTTP server stands in for both apps' callback and signed-out pages. */
    private final AppCallbackServer apps = AppCallbackServer.start();
    private final String appCallback = apps.url("/app/callback");
    private final String appSignedOut = apps.url("/app/signed-out");
    private final String adminCallback = apps.url("/admin/callback");
    private final String spaCallback = apps.url("/spa/callback");
    private int screenshot;

    HostedLoginJourney(CognitoIdentityProviderClient operator, String userPoolUrl, StackMail mail) {
        this.operator = operator;
        this.userPoolUrl = userPoolUrl;
        this.mail = mail;
    }

    void run() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs " + CHROMIUM + " (apt-get install -y chromium)");
        assumeTrue(Files.isDirectory(RELYING_PARTY.resolve("node_modules/openid-client")) && ScriptRun.works("node", "--version"),
                "needs node and deploy/local/src/test/node/node_modules (CI runs npm ci there)");
        Files.createDirectories(SCREENSHOTS);

        String poolId = operator.createUserPool(r -> r.poolName("hosted-login")
                .usernameAttributes(UsernameAttributeType.EMAIL).autoVerifiedAttributes(VerifiedAttributeType.EMAIL)).userPool().id();
        operator.createUserPoolDomain(r -> r.userPoolId(poolId).domain("journey-" + poolId.substring(poolId.indexOf('_') + 1).toLowerCase()));
        String appClient = publicClient(poolId, "app", appCallback);
        String adminClient = publicClient(poolId, "admin", adminCallback);
        String spaClient = operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName("spa").generateSecret(false)
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.IMPLICIT)
                .allowedOAuthScopes("openid", "email").callbackURLs(spaCallback).supportedIdentityProviders("COGNITO"))
                .userPoolClient().clientId();
        String issuer = userPoolUrl + "/" + poolId;
        Path rpState = Files.createTempFile("relying-party", ".json");

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync", "--no-first-run",
                             // The pool's login domain is <prefix>.auth.<region>.localhost: send it to loopback without
                             // asking a resolver, which a machine without DNS may not have.
                             "--host-resolver-rules=MAP *.localhost 127.0.0.1")));
             BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true))) {
            Page page = context.newPage();
            try {
                journey(page, poolId, appClient, adminClient, spaClient, issuer, rpState);
            } catch (AssertionError | RuntimeException failure) {
                shot(page, "failed-at-" + URI.create(page.url()).getPath().replaceAll("[^A-Za-z0-9]", "_"));
                throw failure;
            }
        } finally {
            Files.deleteIfExists(rpState);
        }
    }

    /** Stops the apps' server, which started with this journey. */
    @Override
    public void close() {
        apps.close();
    }

    private void journey(Page page, String poolId, String appClient, String adminClient, String spaClient, String issuer,
                         Path rpState) throws Exception {
        // The app's branding (Cognito's SetUICustomization) is on its pages.
        SdkBytes logo = SdkBytes.fromByteArray(logoPng());
        operator.setUICustomization(r -> r.userPoolId(poolId).clientId(appClient)
                .css(".submitButton-customizable { background-color: #ff6600; }").imageFile(logo));
        String authorizationUrl = node("begin", issuer, appClient, appCallback, rpState.toString());
        page.navigate(authorizationUrl);
        shot(page, "sign-in");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .evaluate("button => getComputedStyle(button).backgroundColor")).isEqualTo("rgb(255, 102, 0)");
        assertThat(page.locator("img.logo-customizable").evaluate("img => img.complete && img.naturalWidth")).isEqualTo(8);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign up")).click();
        shot(page, "sign-up");
        page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(EMAIL);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
        shot(page, "confirm");
        await().atMost(Duration.ofSeconds(60)).until(() -> mail.codeSentTo(EMAIL) != null);
        page.getByLabel("Verification code").fill(mail.codeSentTo(EMAIL));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm")).click();
        shot(page, "sign-in-after-confirmation");
        page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(EMAIL);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        String callback = apps.awaitRequest(appCallback, Duration.ofSeconds(30));

        JsonNode signedIn = JSON.readTree(node("finish", rpState.toString(), callback, appSignedOut));
        assertThat(signedIn.path("idTokenClaims").path("email").asText()).isEqualTo(EMAIL);
        assertThat(signedIn.path("idTokenClaims").path("token_use").asText()).isEqualTo("id");
        assertThat(signedIn.path("idTokenClaims").path("iss").asText()).isEqualTo(issuer);
        assertThat(signedIn.path("idTokenClaims").has("at_hash")).isTrue();
        assertThat(signedIn.path("userInfo").path("email").asText()).isEqualTo(EMAIL);
        assertThat(signedIn.path("refreshedAccessToken").asBoolean()).isTrue();
        assertThat(signedIn.path("refreshAfterRevocation").asText()).isEqualTo("invalid_grant");

        // The SSO session: another client of the pool gets a code without a form.
        page.navigate(authorize(poolId, adminClient, adminCallback, Map.of()));
        assertThat(query(apps.awaitRequest(adminCallback, Duration.ofSeconds(30)))).containsKey("code").containsEntry("iss", issuer);

        // The implicit flow of a third client, on the same session: tokens in the fragment, which only the browser sees.
        page.navigate(authorize(poolId, spaClient, spaCallback, Map.of("response_type", "token", "scope", "openid email",
                "nonce", "spa-nonce", "state", "spa-state")));
        page.waitForURL(url -> url.startsWith(spaCallback + "#"));
        Map<String, String> fragment = query("?" + URI.create(page.url()).getRawFragment());
        assertThat(fragment).containsKeys("access_token", "id_token").doesNotContainKey("refresh_token")
                .containsEntry("token_type", "Bearer").containsEntry("state", "spa-state").containsEntry("iss", issuer);
        JsonNode idToken = JSON.readTree(Base64.getUrlDecoder().decode(fragment.get("id_token").split("\\.")[1]));
        assertThat(idToken.path("nonce").asText()).isEqualTo("spa-nonce");
        assertThat(idToken.path("aud").asText()).isEqualTo(spaClient);
        assertThat(userInfoEmail(fragment.get("access_token"))).as("userInfo accepts the implicit access token").isEqualTo(EMAIL);

        // RP-initiated logout ends the session and returns to the app with its state.
        page.navigate(signedIn.path("logoutUrl").asText());
        assertThat(query(apps.awaitRequest(appSignedOut, Duration.ofSeconds(30)))).containsEntry("state", "bye");
        page.navigate(authorize(poolId, adminClient, adminCallback, Map.of("prompt", "none", "state", "after-logout")));
        assertThat(query(apps.awaitRequest(adminCallback, Duration.ofSeconds(30)))).containsEntry("error", "login_required").containsEntry("state", "after-logout");
    }

    private String publicClient(String poolId, String name, String callback) {
        return operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName(name).generateSecret(false)
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CODE)
                .allowedOAuthScopes("openid", "email", "profile").callbackURLs(callback).logoutURLs(appSignedOut)
                .supportedIdentityProviders("COGNITO")).userPoolClient().clientId();
    }

    /** An authorization request of our own (PKCE S256), for the steps the relying party library has no part in. */
    private String authorize(String poolId, String clientId, String redirectUri, Map<String, String> extra) throws Exception {
        String endpoint = JSON.readTree(URI.create(userPoolUrl + "/" + poolId + "/.well-known/openid-configuration").toURL())
                .path("authorization_endpoint").asText();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest("a-verifier-of-forty-three-characters-or-more-1234".getBytes(StandardCharsets.US_ASCII)));
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("response_type", "code", "client_id", clientId,
                "redirect_uri", redirectUri, "scope", "openid", "code_challenge", challenge, "code_challenge_method", "S256"));
        parameters.putAll(extra);
        StringBuilder url = new StringBuilder(endpoint).append('?');
        parameters.forEach((name, value) -> url.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        return url.substring(0, url.length() - 1);
    }

    /** The email userInfo answers for an access token (user-pool-service verifies its signature, expiry and revocation). */
    private String userInfoEmail(String accessToken) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(userPoolUrl + "/oauth2/userInfo"))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("userInfo: %s", response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("email").asText();
    }

    /** An 8×8 PNG logo. */
    private static byte[] logoPng() throws Exception {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png);
        return png.toByteArray();
    }

    /** Runs the relying party; its answer is the last line of output (Node may print warnings before it). */
    private String node(String... arguments) {
        List<String> command = new ArrayList<>(List.of("node", "relying-party.mjs"));
        command.addAll(List.of(arguments));
        ScriptRun run = ScriptRun.run(RELYING_PARTY, Duration.ofSeconds(60), command);
        assertThat(run.succeeded()).as("openid-client %s:%n%s", arguments[0], run.output()).isTrue();
        String[] lines = run.output().strip().split("\\R");
        return lines[lines.length - 1];
    }

    private void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(String.format("%02d-%s.png", ++screenshot, name)))
                .setFullPage(true));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = URI.create(url).getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                parameters.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }
}
