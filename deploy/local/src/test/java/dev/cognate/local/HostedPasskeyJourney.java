package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A passkey through the whole stack in Chromium with a CDP virtual authenticator (ctap2, internal, resident keys, user
 * verification): the user signs in with the password on the hosted login, opens the hosted {@code /passkeys/add} page and
 * presses Enter on "Create a passkey" ({@code navigator.credentials.create} on the hosted login's origin, for the browser's
 * SSO session), lands back on the app, whose access token now lists the passkey; the user signs out ({@code /logout}), then signs in with "Sign in with a passkey" and
 * lands on the app's callback with a code the token endpoint redeems — user-pool-service verifying the assertion against
 * the pool's relying party, whose origin is the hosted login domain. Screenshots in {@code target/screenshots/hosted-passkey/}.
 */
final class HostedPasskeyJourney implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots", "hosted-passkey");
    private static final String USERNAME = "passkey-journey";
    private static final String PASSWORD = "Journey-Passkey-Passw0rd!";
    private static final String VERIFIER = "a-verifier-of-forty-three-characters-or-more-key-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CognitoIdentityProviderClient operator;
    private final String userPoolUrl;
    private final AppCallbackServer apps = AppCallbackServer.start();
    private final String callback = apps.url("/passkey-app/callback");
    private final String signedOut = apps.url("/passkey-app/signed-out");
    private int screenshot;

    HostedPasskeyJourney(CognitoIdentityProviderClient operator, String userPoolUrl) {
        this.operator = operator;
        this.userPoolUrl = userPoolUrl;
    }

    void run() throws Exception {
        assumeTrue(Files.isExecutable(HostedLoginJourney.CHROMIUM), "needs " + HostedLoginJourney.CHROMIUM + " (apt-get install -y chromium)");
        Files.createDirectories(SCREENSHOTS);
        String poolId = operator.createUserPool(r -> r.poolName("Passkey Journey")
                .policies(p -> p.signInPolicy(s -> s.allowedFirstAuthFactorsWithStrings("PASSWORD", "WEB_AUTHN")))).userPool().id();
        operator.createUserPoolDomain(r -> r.userPoolId(poolId).domain("key-" + poolId.substring(poolId.indexOf('_') + 1).toLowerCase()));
        String clientId = operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName("passkey-app").generateSecret(false)
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CODE)
                .allowedOAuthScopes("openid", "aws.cognito.signin.user.admin")
                .callbackURLs(callback).logoutURLs(signedOut).supportedIdentityProviders("COGNITO")).userPoolClient().clientId();
        operator.adminCreateUser(r -> r.userPoolId(poolId).username(USERNAME).messageAction("SUPPRESS"));
        operator.adminSetUserPassword(r -> r.userPoolId(poolId).username(USERNAME).password(PASSWORD).permanent(true));
        String authorize = authorize(poolId, clientId);
        String hostedBase = authorize.substring(0, authorize.indexOf("/oauth2/authorize"));

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(HostedLoginJourney.CHROMIUM)
                     .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync", "--no-first-run",
                             "--host-resolver-rules=MAP *.localhost 127.0.0.1")));
             BrowserContext context = browser.newContext();
             CognitoIdentityProviderClient app = CognitoIdentityProviderClient.builder().endpointOverride(URI.create(userPoolUrl))
                     .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            Page page = context.newPage();
            virtualAuthenticator(context.newCDPSession(page));
            try {
                page.navigate(authorize);
                page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(USERNAME);
                page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
                String accessToken = redeem(apps.awaitRequest(callback, Duration.ofSeconds(30)), clientId).path("access_token").asText();

                // the hosted page adds the passkey for the browser's SSO session: navigator.credentials.create on the hosted origin
                page.navigate(hostedBase + "/passkeys/add?client_id=" + clientId + "&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8));
                page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Create a passkey")).waitFor();
                shot(page, "passkeys-add");
                page.keyboard().press("Enter"); // "Create a passkey" has the focus
                assertThat(apps.awaitRequest(callback, Duration.ofSeconds(30))).as("back at the app, no code").isEqualTo(callback);
                assertThat(app.listWebAuthnCredentials(r -> r.accessToken(accessToken)).credentials()).hasSize(1);

                page.navigate(hostedBase + "/logout?client_id=" + clientId + "&logout_uri=" + URLEncoder.encode(signedOut, StandardCharsets.UTF_8));
                apps.awaitRequest(signedOut, Duration.ofSeconds(30));

                page.navigate(authorize);
                page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(USERNAME);
                shot(page, "sign-in");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with a passkey")).click();
                page.waitForURL(url -> URI.create(url).getPath().equals("/passkey"));
                shot(page, "passkey");
                page.keyboard().press("Enter"); // "Use my passkey" has the focus
                JsonNode tokens = redeem(apps.awaitRequest(callback, Duration.ofSeconds(30)), clientId);
                JsonNode idToken = readTree(new String(Base64.getUrlDecoder().decode(tokens.path("id_token").asText().split("\\.")[1]),
                        StandardCharsets.UTF_8));
                assertThat(idToken.path("cognito:username").asText()).isEqualTo(USERNAME);
            } catch (AssertionError | RuntimeException failure) {
                shot(page, "failed");
                throw failure;
            }
        }
    }

    @Override
    public void close() {
        apps.close();
    }

    private static void virtualAuthenticator(CDPSession cdp) {
        cdp.send("WebAuthn.enable");
        JsonObject options = new JsonObject();
        options.addProperty("protocol", "ctap2");
        options.addProperty("transport", "internal");
        options.addProperty("hasResidentKey", true);
        options.addProperty("hasUserVerification", true);
        options.addProperty("isUserVerified", true);
        JsonObject add = new JsonObject();
        add.add("options", options);
        cdp.send("WebAuthn.addVirtualAuthenticator", add);
    }

    /** The callback's code redeemed at the token endpoint (PKCE). */
    private JsonNode redeem(String callbackUrl, String clientId) throws Exception {
        Map<String, String> query = query(callbackUrl);
        assertThat(query).containsKey("code");
        String form = "grant_type=authorization_code&client_id=" + clientId + "&code=" + URLEncoder.encode(query.get("code"), StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8) + "&code_verifier=" + VERIFIER;
        HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(userPoolUrl + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return readTree(tokens.body());
    }

    private String authorize(String poolId, String clientId) throws Exception {
        String endpoint = JSON.readTree(URI.create(userPoolUrl + "/" + poolId + "/.well-known/openid-configuration").toURL())
                .path("authorization_endpoint").asText();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
        return endpoint + "?response_type=code&client_id=" + clientId + "&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8)
                + "&scope=openid+aws.cognito.signin.user.admin&state=key&code_challenge=" + challenge + "&code_challenge_method=S256";
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
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
