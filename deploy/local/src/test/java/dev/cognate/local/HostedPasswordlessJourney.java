package dev.cognate.local;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A user of a pool whose AllowedFirstAuthFactors include EMAIL_OTP signs in through the hosted login without a password
 * in Chromium (Playwright): the username, "Email me a code", the 8-digit code read from the mail trigger-runner sent to
 * the SMTP server (GreenMail), typed into the code page, then the app's callback with a code that the token endpoint
 * redeems. Screenshots land in {@code target/screenshots/hosted-passwordless/}.
 */
final class HostedPasswordlessJourney implements BrowserJourney {

    private static final String USERNAME = "otp-journey";
    private static final String EMAIL = "otp-journey@example.com";
    private static final String VERIFIER = "a-verifier-of-forty-three-characters-or-more-otp-1";
    private static final Pattern CODE = Pattern.compile("Your authentication code is (\\d{8})");

    private final CognitoIdentityProviderClient operator;
    private final String userPoolUrl;
    private final StackMail mail;
    private final AppCallbackServer apps = AppCallbackServer.start();
    private final String callback = apps.url("/otp-app/callback");

    HostedPasswordlessJourney(CognitoIdentityProviderClient operator, String userPoolUrl, StackMail mail) {
        this.operator = operator;
        this.userPoolUrl = userPoolUrl;
        this.mail = mail;
    }

    @Override
    public void run() throws Exception {
        Chromium.assumeInstalled();
        Screenshots screenshots = Screenshots.of("hosted-passwordless");
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
        String issuer = userPoolUrl + "/" + poolId;
        PkceApp app = new PkceApp(userPoolUrl, clientId, callback, VERIFIER);

        try (Chromium chromium = Chromium.forLoginDomains();
             BrowserContext context = chromium.newContext()) {
            Page page = context.newPage();
            screenshots.onFailure(page, "failed", () -> {
                page.navigate(app.authorizationUrl(PkceApp.authorizationEndpoint(issuer), Map.of("state", "otp")));
                page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(USERNAME);
                screenshots.shot(page, "sign-in");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Email me a code")).click();
                page.waitForURL(url -> URI.create(url).getPath().equals("/mfa"));
                screenshots.shot(page, "code");
                assertThat(page.locator("#mfa-intro").textContent()).isEqualTo("We sent a code by email to o***@e***. Enter it below.");
                await().atMost(Duration.ofSeconds(60)).until(() -> mail.to(EMAIL) != null);
                Matcher code = CODE.matcher(mail.to(EMAIL));
                assertThat(code.find()).as(mail.to(EMAIL)).isTrue();
                page.getByLabel("Code").fill(code.group(1));
                page.keyboard().press("Enter");
                String callbackUrl = apps.awaitRequest(callback, Duration.ofSeconds(30));
                // the callback carries a code with the state and issuer, and the token endpoint gives the user's ID token for it
                assertThat(PkceApp.query(callbackUrl)).containsKey("code").containsEntry("state", "otp").containsEntry("iss", issuer);
                assertThat(app.redeemForIdTokenClaims(callbackUrl).path("cognito:username").asText()).isEqualTo(USERNAME);
            });
        }
    }

    @Override
    public void close() {
        apps.close();
    }
}
