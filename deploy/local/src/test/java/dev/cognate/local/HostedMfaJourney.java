package dev.cognate.local;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user of a pool with MFA ON signs in through the hosted login for the first time in Chromium (Playwright): the
 * engine asks MFA_SETUP, the set-up page shows the QR code and the secret as text; the test reads the secret as a user
 * would type it into an app, computes the TOTP code (RFC 6238, below), finishes the set-up and lands on the app's
 * callback with a code that the token endpoint redeems. In a new browser (no hosted-UI session) the user signs in again
 * and answers the authenticator-code page. Screenshots land in {@code target/screenshots/hosted-mfa/}.
 */
final class HostedMfaJourney implements BrowserJourney {

    private static final String USERNAME = "mfa-journey";
    private static final String PASSWORD = "Journey-Mfa-Passw0rd!";
    private static final String VERIFIER = "a-verifier-of-forty-three-characters-or-more-mfa-1";

    private final CognitoIdentityProviderClient operator;
    private final String userPoolUrl;
    private final AppCallbackServer apps = AppCallbackServer.start();
    private final String callback = apps.url("/mfa-app/callback");
    private Screenshots screenshots;
    /** The secret the set-up page showed, and the 30-second step whose code finished the set-up. */
    private String secret;
    private long setUpStep;

    HostedMfaJourney(CognitoIdentityProviderClient operator, String userPoolUrl) {
        this.operator = operator;
        this.userPoolUrl = userPoolUrl;
    }

    @Override
    public void run() throws Exception {
        Chromium.assumeInstalled();
        screenshots = Screenshots.of("hosted-mfa");
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
        String issuer = userPoolUrl + "/" + poolId;
        PkceApp app = new PkceApp(userPoolUrl, clientId, callback, VERIFIER);

        try (Chromium chromium = Chromium.forLoginDomains()) {
            try (BrowserContext first = chromium.newPhoneContext()) {
                Page page = first.newPage();
                screenshots.onFailure(page, "failed-set-up", () -> {
                    signIn(page, app, issuer, "first");
                    page.waitForURL(url -> URI.create(url).getPath().equals("/mfaSetup"));
                    screenshots.shot(page, "set-up");
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
                    assertRedeemable(app, apps.awaitRequest(callback, Duration.ofSeconds(30)), issuer, "first");
                });
            }

            try (BrowserContext second = chromium.newPhoneContext()) {
                Page page = second.newPage();
                screenshots.onFailure(page, "failed-sign-in", () -> {
                    signIn(page, app, issuer, "second");
                    page.waitForURL(url -> URI.create(url).getPath().equals("/mfa"));
                    screenshots.shot(page, "code");
                    assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("mfa-code");
                    // each code is accepted once: the set-up used its step's, the next step's is still within the ±1 window
                    page.getByLabel("Code").fill(totp(secret, Math.max(setUpStep + 1, Instant.now().getEpochSecond() / 30)));
                    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
                    assertRedeemable(app, apps.awaitRequest(callback, Duration.ofSeconds(30)), issuer, "second");
                });
            }
        }
    }

    @Override
    public void close() {
        apps.close();
    }

    private void signIn(Page page, PkceApp app, String issuer, String state) throws Exception {
        page.navigate(app.authorizationUrl(PkceApp.authorizationEndpoint(issuer), Map.of("state", state)));
        page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(USERNAME);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    }

    /** The callback carries a code with the state and issuer, and the token endpoint gives the user's ID token for it. */
    private static void assertRedeemable(PkceApp app, String callbackUrl, String issuer, String state) throws Exception {
        assertThat(PkceApp.query(callbackUrl)).containsKey("code").containsEntry("state", state).containsEntry("iss", issuer);
        assertThat(app.redeemForIdTokenClaims(callbackUrl).path("cognito:username").asText()).isEqualTo(USERNAME);
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
}
