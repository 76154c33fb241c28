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
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A user of a pool whose AllowedFirstAuthFactors include EMAIL_OTP signs in through the hosted login without a password
 * in Chromium (Playwright): the username, "Email me a code", the 8-digit code read from the mail trigger-runner sent to
 * the SMTP server (GreenMail), typed into the code page, then the app's callback with a code that the token endpoint
 * redeems. Screenshots land in {@code target/screenshots/hosted-passwordless/}.
 */
final class HostedPasswordlessJourney implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots", "hosted-passwordless");
    private static final String USERNAME = "otp-journey";
    private static final String EMAIL = "otp-journey@example.com";
    private static final String VERIFIER = "a-verifier-of-forty-three-characters-or-more-otp-1";
    private static final Pattern CODE = Pattern.compile("Your authentication code is (\\d{8})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CognitoIdentityProviderClient operator;
    private final String userPoolUrl;
    private final StackMail mail;
    private final AppCallbackServer apps = AppCallbackServer.start();
    private final String callback = apps.url("/otp-app/callback");
    private int screenshot;

    HostedPasswordlessJourney(CognitoIdentityProviderClient operator, String userPoolUrl, StackMail mail) {
        this.operator = operator;
        this.userPoolUrl = userPoolUrl;
        this.mail = mail;
    }

    void run() throws Exception {
        assumeTrue(Files.isExecutable(HostedLoginJourney.CHROMIUM), "needs " + HostedLoginJourney.CHROMIUM + " (apt-get install -y chromium)");
        Files.createDirectories(SCREENSHOTS);
        String poolId = operator.createUserPool(r -> r.poolName("OTP Journey")
                .policies(p -> p.signInPolicy(s -> s.allowedFirstAuthFactorsWithStrings("PASSWORD", "EMAIL_OTP")))).userPool().id();
        operator.createUserPoolDomain(r -> r.userPoolId(poolId).domain("otp-" + poolId.substring(poolId.indexOf('_') + 1).toLowerCase()));
        String clientId = operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName("otp-app").generateSecret(false)
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid")
                .callbackURLs(callback).supportedIdentityProviders("COGNITO")).userPoolClient().clientId();
        operator.adminCreateUser(r -> r.userPoolId(poolId).username(USERNAME).messageAction("SUPPRESS").userAttributes(
                AttributeType.builder().name("email").value(EMAIL).build(),
                AttributeType.builder().name("email_verified").value("true").build()));
        operator.adminSetUserPassword(r -> r.userPoolId(poolId).username(USERNAME).password("Journey-Otp-Passw0rd!").permanent(true));

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(HostedLoginJourney.CHROMIUM)
                     .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync", "--no-first-run",
                             // the login domain resolves to loopback without asking a resolver
                             "--host-resolver-rules=MAP *.localhost 127.0.0.1")));
             BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            try {
                page.navigate(authorize(poolId, clientId));
                page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(USERNAME);
                shot(page, "sign-in");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Email me a code")).click();
                page.waitForURL(url -> URI.create(url).getPath().equals("/mfa"));
                shot(page, "code");
                assertThat(page.locator("#mfa-intro").textContent()).isEqualTo("We sent a code by email to o***@e***. Enter it below.");
                await().atMost(Duration.ofSeconds(60)).until(() -> mail.to(EMAIL) != null);
                Matcher code = CODE.matcher(mail.to(EMAIL));
                assertThat(code.find()).as(mail.to(EMAIL)).isTrue();
                page.getByLabel("Code").fill(code.group(1));
                page.keyboard().press("Enter");
                assertRedeemable(apps.awaitRequest(callback, Duration.ofSeconds(30)), poolId, clientId);
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

    /** The callback carries a code with the state and issuer, and the token endpoint gives the user's ID token for it. */
    private void assertRedeemable(String callbackUrl, String poolId, String clientId) throws Exception {
        Map<String, String> query = query(callbackUrl);
        assertThat(query).containsKey("code").containsEntry("state", "otp").containsEntry("iss", userPoolUrl + "/" + poolId);
        String form = "grant_type=authorization_code&client_id=" + clientId + "&code=" + URLEncoder.encode(query.get("code"), StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8) + "&code_verifier=" + VERIFIER;
        HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(userPoolUrl + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode idToken = JSON.readTree(Base64.getUrlDecoder().decode(JSON.readTree(tokens.body()).path("id_token").asText().split("\\.")[1]));
        assertThat(idToken.path("cognito:username").asText()).isEqualTo(USERNAME);
    }

    private String authorize(String poolId, String clientId) throws Exception {
        String endpoint = JSON.readTree(URI.create(userPoolUrl + "/" + poolId + "/.well-known/openid-configuration").toURL())
                .path("authorization_endpoint").asText();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
        return endpoint + "?response_type=code&client_id=" + clientId + "&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8)
                + "&scope=openid&state=otp&code_challenge=" + challenge + "&code_challenge_method=S256";
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
