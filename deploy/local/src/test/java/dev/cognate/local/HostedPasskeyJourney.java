package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A passkey through the whole stack in Chromium with a CDP virtual authenticator (ctap2, internal, resident keys, user
 * verification): the user signs in with the password on the hosted login, opens the hosted {@code /passkeys/add} page and
 * presses Enter on "Create a passkey" ({@code navigator.credentials.create} on the hosted login's origin, for the browser's
 * SSO session), lands back on the app, whose access token now lists the passkey; the user signs out ({@code /logout}), then signs in with "Sign in with a passkey" and
 * lands on the app's callback with a code the token endpoint redeems — user-pool-service verifying the assertion against
 * the pool's relying party, whose origin is the hosted login domain. Screenshots in {@code target/screenshots/hosted-passkey/}.
 */
final class HostedPasskeyJourney implements BrowserJourney {

    private static final String USERNAME = "passkey-journey";
    private static final String PASSWORD = "Journey-Passkey-Passw0rd!";
    private static final String VERIFIER = "a-verifier-of-forty-three-characters-or-more-key-1";
    private final CognitoIdentityProviderClient operator;
    private final String userPoolUrl;
    private final AppCallbackServer apps = AppCallbackServer.start();
    private final String callback = apps.url("/passkey-app/callback");
    private final String signedOut = apps.url("/passkey-app/signed-out");

    HostedPasskeyJourney(CognitoIdentityProviderClient operator, String userPoolUrl) {
        this.operator = operator;
        this.userPoolUrl = userPoolUrl;
    }

    @Override
    public void run() throws Exception {
        Chromium.assumeInstalled();
        Screenshots screenshots = Screenshots.of("hosted-passkey");
        String poolId = operator.createUserPool(r -> r.poolName("Passkey Journey")
                .policies(p -> p.signInPolicy(s -> s.allowedFirstAuthFactorsWithStrings("PASSWORD", "WEB_AUTHN")))).userPool().id();
        operator.createUserPoolDomain(r -> r.userPoolId(poolId).domain("key-" + poolId.substring(poolId.indexOf('_') + 1).toLowerCase()));
        String clientId = operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName("passkey-app").generateSecret(false)
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CODE)
                .allowedOAuthScopes("openid", "aws.cognito.signin.user.admin")
                .callbackURLs(callback).logoutURLs(signedOut).supportedIdentityProviders("COGNITO")).userPoolClient().clientId();
        operator.adminCreateUser(r -> r.userPoolId(poolId).username(USERNAME).messageAction("SUPPRESS"));
        operator.adminSetUserPassword(r -> r.userPoolId(poolId).username(USERNAME).password(PASSWORD).permanent(true));
        PkceApp pkce = new PkceApp(userPoolUrl, clientId, callback, VERIFIER);
        String authorize = pkce.authorizationUrl(PkceApp.authorizationEndpoint(userPoolUrl + "/" + poolId),
                Map.of("scope", "openid aws.cognito.signin.user.admin", "state", "key"));
        String hostedBase = authorize.substring(0, authorize.indexOf("/oauth2/authorize"));

        try (Chromium chromium = Chromium.forLoginDomains();
             BrowserContext context = chromium.newContext();
             CognitoIdentityProviderClient app = CognitoIdentityProviderClient.builder().endpointOverride(URI.create(userPoolUrl))
                     .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            Page page = context.newPage();
            virtualAuthenticator(context.newCDPSession(page));
            screenshots.onFailure(page, "failed", () -> {
                page.navigate(authorize);
                page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(USERNAME);
                page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
                String accessToken = pkce.redeem(apps.awaitRequest(callback, Duration.ofSeconds(30))).path("access_token").asText();

                // the hosted page adds the passkey for the browser's SSO session: navigator.credentials.create on the hosted origin
                page.navigate(hostedBase + "/passkeys/add?client_id=" + clientId + "&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8));
                page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Create a passkey")).waitFor();
                screenshots.shot(page, "passkeys-add");
                page.keyboard().press("Enter"); // "Create a passkey" has the focus
                assertThat(apps.awaitRequest(callback, Duration.ofSeconds(30))).as("back at the app, no code").isEqualTo(callback);
                assertThat(app.listWebAuthnCredentials(r -> r.accessToken(accessToken)).credentials()).hasSize(1);

                page.navigate(hostedBase + "/logout?client_id=" + clientId + "&logout_uri=" + URLEncoder.encode(signedOut, StandardCharsets.UTF_8));
                apps.awaitRequest(signedOut, Duration.ofSeconds(30));

                page.navigate(authorize);
                page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(USERNAME);
                screenshots.shot(page, "sign-in");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with a passkey")).click();
                page.waitForURL(url -> URI.create(url).getPath().equals("/passkey"));
                screenshots.shot(page, "passkey");
                page.keyboard().press("Enter"); // "Use my passkey" has the focus
                JsonNode idToken = pkce.redeemForIdTokenClaims(apps.awaitRequest(callback, Duration.ofSeconds(30)));
                assertThat(idToken.path("cognito:username").asText()).isEqualTo(USERNAME);
            });
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
}
