package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static dev.cognate.local.PkceApp.query;
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
final class HostedLoginJourney implements BrowserJourney {

    private static final String EMAIL = "journey@example.test";
    private static final String PASSWORD = "Journey-Passw0rd!";
    private static final String VERIFIER = "a-verifier-of-forty-three-characters-or-more-1234";
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
    private Screenshots screenshots;

    HostedLoginJourney(CognitoIdentityProviderClient operator, String userPoolUrl, StackMail mail) {
        this.operator = operator;
        this.userPoolUrl = userPoolUrl;
        this.mail = mail;
    }

    @Override
    public void run() throws Exception {
        Chromium.assumeInstalled();
        assumeTrue(RelyingParty.installed(), "needs node and deploy/local/src/test/node/node_modules (CI runs npm ci there)");
        screenshots = Screenshots.of("hosted-login");

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

        try (RelyingParty relyingParty = RelyingParty.create();
             Chromium chromium = Chromium.forLoginDomains();
             BrowserContext context = chromium.newPhoneContext()) {
            Page page = context.newPage();
            screenshots.onFailure(page, Screenshots::failedAtPath,
                    () -> journey(page, issuer, poolId, relyingParty, appClient, adminClient, spaClient));
        }
    }

    /** Stops the apps' server, which started with this journey. */
    @Override
    public void close() {
        apps.close();
    }

    private void journey(Page page, String issuer, String poolId, RelyingParty relyingParty, String appClient, String adminClient,
                         String spaClient) throws Exception {
        // The app's branding (Cognito's SetUICustomization) is on its pages.
        SdkBytes logo = SdkBytes.fromByteArray(logoPng());
        operator.setUICustomization(r -> r.userPoolId(poolId).clientId(appClient)
                .css(".submitButton-customizable { background-color: #ff6600; }").imageFile(logo));
        page.navigate(relyingParty.begin(issuer, appClient, appCallback));
        screenshots.shot(page, "sign-in");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .evaluate("button => getComputedStyle(button).backgroundColor")).isEqualTo("rgb(255, 102, 0)");
        assertThat(page.locator("img.logo-customizable").evaluate("img => img.complete && img.naturalWidth")).isEqualTo(8);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign up")).click();
        screenshots.shot(page, "sign-up");
        page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(EMAIL);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
        screenshots.shot(page, "confirm");
        await().atMost(Duration.ofSeconds(60)).until(() -> mail.codeSentTo(EMAIL) != null);
        page.getByLabel("Verification code").fill(mail.codeSentTo(EMAIL));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm")).click();
        screenshots.shot(page, "sign-in-after-confirmation");
        page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(EMAIL);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        String callback = apps.awaitRequest(appCallback, Duration.ofSeconds(30));

        JsonNode signedIn = relyingParty.finish(callback, appSignedOut);
        assertThat(signedIn.path("idTokenClaims").path("email").asText()).isEqualTo(EMAIL);
        assertThat(signedIn.path("idTokenClaims").path("token_use").asText()).isEqualTo("id");
        assertThat(signedIn.path("idTokenClaims").path("iss").asText()).isEqualTo(issuer);
        assertThat(signedIn.path("idTokenClaims").has("at_hash")).isTrue();
        assertThat(signedIn.path("userInfo").path("email").asText()).isEqualTo(EMAIL);
        assertThat(signedIn.path("refreshedAccessToken").asBoolean()).isTrue();
        assertThat(signedIn.path("refreshAfterRevocation").asText()).isEqualTo("invalid_grant");

        // The SSO session: another client of the pool gets a code without a form.
        String authorizationEndpoint = PkceApp.authorizationEndpoint(issuer);
        PkceApp admin = new PkceApp(userPoolUrl, adminClient, adminCallback, VERIFIER);
        page.navigate(admin.authorizationUrl(authorizationEndpoint, Map.of()));
        assertThat(query(apps.awaitRequest(adminCallback, Duration.ofSeconds(30)))).containsKey("code").containsEntry("iss", issuer);

        // The implicit flow of a third client, on the same session: tokens in the fragment, which only the browser sees.
        page.navigate(new PkceApp(userPoolUrl, spaClient, spaCallback, VERIFIER).authorizationUrl(authorizationEndpoint,
                Map.of("response_type", "token", "scope", "openid email", "nonce", "spa-nonce", "state", "spa-state")));
        page.waitForURL(url -> url.startsWith(spaCallback + "#"));
        Map<String, String> fragment = query("?" + URI.create(page.url()).getRawFragment());
        assertThat(fragment).containsKeys("access_token", "id_token").doesNotContainKey("refresh_token")
                .containsEntry("token_type", "Bearer").containsEntry("state", "spa-state").containsEntry("iss", issuer);
        JsonNode idToken = PkceApp.claims(fragment.get("id_token"));
        assertThat(idToken.path("nonce").asText()).isEqualTo("spa-nonce");
        assertThat(idToken.path("aud").asText()).isEqualTo(spaClient);
        assertThat(userInfoEmail(fragment.get("access_token"))).as("userInfo accepts the implicit access token").isEqualTo(EMAIL);

        // RP-initiated logout ends the session and returns to the app with its state.
        page.navigate(signedIn.path("logoutUrl").asText());
        assertThat(query(apps.awaitRequest(appSignedOut, Duration.ofSeconds(30)))).containsEntry("state", "bye");
        page.navigate(admin.authorizationUrl(authorizationEndpoint, Map.of("prompt", "none", "state", "after-logout")));
        assertThat(query(apps.awaitRequest(adminCallback, Duration.ofSeconds(30)))).containsEntry("error", "login_required").containsEntry("state", "after-logout");
    }

    private String publicClient(String poolId, String name, String callback) {
        return operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName(name).generateSecret(false)
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CODE)
                .allowedOAuthScopes("openid", "email", "profile").callbackURLs(callback).logoutURLs(appSignedOut)
                .supportedIdentityProviders("COGNITO")).userPoolClient().clientId();
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
}
