package dev.cognate.hostedui.web;

import dev.cognate.hostedui.support.FakeUserPool;
import dev.cognate.hostedui.support.HostedUiBrowser;
import io.nayuki.qrcodegen.QrCode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MFA pages, views of the engine's challenges (user-pool-service stood in for by {@link FakeUserPool}): the code
 * sent by SMS or email, the choice of factor (SELECT_MFA_TYPE) and MFA set-up (MFA_SETUP) with a QR code, against real
 * Redis.
 */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
class MfaPagesTest {

    private static final Pattern SVG = Pattern.compile("<svg [^>]*viewBox=\"0 0 (\\d+) \\d+\"[^>]*>.*?<path d=\"([^\"]*)\"", Pattern.DOTALL);
    private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");

    private static Map<String, String> query() {
        return HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT);
    }

    private static Map<String, String> germanQuery() {
        Map<String, String> query = new HashMap<>(query());
        query.put("lang", "de");
        return query;
    }

    /** Signs in and follows the engine's first challenge to its page, which must be {@code path}. */
    private static Response challengePage(HostedUiBrowser browser, Map<String, String> query, String username, String path) {
        Response challenged = browser.signIn(query, username, FakeUserPool.PASSWORD);
        assertThat(challenged.statusCode()).as(challenged.body().asString()).isEqualTo(303);
        assertThat(challenged.header("Location")).startsWith(path + "?");
        Response page = browser.get(challenged.header("Location"));
        assertThat(page.statusCode()).as(page.body().asString()).isEqualTo(200);
        assertThat(page.body().asString()).as("the engine's session stays server-side").doesNotContain("upstream-session");
        return page;
    }

    private static void assertSignedIn(Response done, HostedUiBrowser browser) {
        assertThat(done.statusCode()).as(done.body().asString()).isEqualTo(303);
        assertThat(done.header("Location")).startsWith(FakeUserPool.CALLBACK_URL + "?code=");
        assertThat(browser.cookies()).containsKey("__Host-cognate-session").doesNotContainKey("__Host-cognate-challenge");
    }

    @Test
    void asksForTheSmsCodeSayingWhereItWentThenSignsIn() {
        var browser = new HostedUiBrowser();
        Response page = challengePage(browser, query(), FakeUserPool.SMS_USER, "/mfa");
        assertThat(page.body().asString())
                .contains("We sent a code by text message to " + FakeUserPool.SMS_DESTINATION + ". Enter it below.")
                .contains("autocomplete=\"one-time-code\"").contains("inputmode=\"numeric\"").contains("autofocus")
                .contains("<label for=\"mfa-code\" class=\"label-customizable\">Code</label>");

        Response empty = browser.post(HostedUiBrowser.loginAction(page), Map.of("code", ""));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body().asString()).contains("role=\"alert\">Enter the code we sent you.</p>");

        assertSignedIn(browser.post(HostedUiBrowser.loginAction(page), Map.of("code", FakeUserPool.SENT_CODE)), browser);
        var answered = FakeUserPool.lastRequest("respond-to-challenge");
        assertThat(answered.path("challengeName").asText()).isEqualTo("SMS_MFA");
        assertThat(answered.path("session").asText()).isEqualTo("upstream-session-sms");
        assertThat(answered.path("responses").path("SMS_MFA_CODE").asText()).isEqualTo(FakeUserPool.SENT_CODE);
        assertThat(answered.path("responses").path("USERNAME").asText()).isEqualTo(FakeUserPool.SMS_USER);
    }

    @Test
    void asksForTheEmailCodeInGermanThenSignsIn() {
        var browser = new HostedUiBrowser();
        Response page = challengePage(browser, germanQuery(), FakeUserPool.EMAIL_USER, "/mfa");
        assertThat(page.body().asString()).contains("<html lang=\"de\">")
                .contains("Wir haben Ihnen einen Code per E-Mail an " + FakeUserPool.EMAIL_DESTINATION + " gesendet.");

        assertSignedIn(browser.post(HostedUiBrowser.loginAction(page), Map.of("code", FakeUserPool.SENT_CODE)), browser);
        var answered = FakeUserPool.lastRequest("respond-to-challenge");
        assertThat(answered.path("challengeName").asText()).isEqualTo("EMAIL_OTP");
        assertThat(answered.path("responses").path("EMAIL_OTP_CODE").asText()).isEqualTo(FakeUserPool.SENT_CODE);
    }

    @Test
    void aWrongSentCodeEndsTheSignInAndSaysSo() {
        var browser = new HostedUiBrowser();
        Response page = challengePage(browser, query(), FakeUserPool.EMAIL_USER, "/mfa");
        Response refused = browser.post(HostedUiBrowser.loginAction(page), Map.of("code", "000000"));
        assertThat(refused.statusCode()).isEqualTo(303);
        assertThat(refused.header("Location")).startsWith("/login?").contains("notice=mfa_code_refused");
        assertThat(browser.cookies()).doesNotContainKey("__Host-cognate-challenge").doesNotContainKey("__Host-cognate-session");
        assertThat(browser.get(refused.header("Location")).body().asString()).contains("The code was not accepted. Sign in again.");
    }

    @Test
    void anExpiredSignInGoesBackToTheSignInFormSayingSo() {
        var browser = new HostedUiBrowser();
        Response page = challengePage(browser, query(), FakeUserPool.LATE_USER, "/mfa");
        Response expired = browser.post(HostedUiBrowser.loginAction(page), Map.of("code", FakeUserPool.SENT_CODE));
        assertThat(expired.statusCode()).isEqualTo(303);
        assertThat(expired.header("Location")).startsWith("/login?").contains("notice=sign_in_expired");
        assertThat(browser.get(expired.header("Location")).body().asString()).contains("Your sign-in took too long. Sign in again.");
        assertThat(browser.get(HostedUiBrowser.loginAction(page)).header("Location")).as("no challenge left").startsWith("/login?");
    }

    @Test
    void refusesTheMfaFormsWithoutTheirCsrfTokenAndPassesNothingOn() {
        for (String[] user : new String[][] {{FakeUserPool.SMS_USER, "/mfa"}, {FakeUserPool.CHOOSING_USER, "/mfaType"},
                {FakeUserPool.SETUP_USER, "/mfaSetup"}}) {
            var browser = new HostedUiBrowser();
            Response page = challengePage(browser, query(), user[0], user[1]);
            String before = String.valueOf(FakeUserPool.lastRequest("respond-to-challenge"));
            String verifyBefore = String.valueOf(FakeUserPool.lastRequest("verify-software-token"));
            Response forged = browser.post(HostedUiBrowser.loginAction(page), Map.of("_csrf", "forged-token-of-another-site-000000000",
                    "code", FakeUserPool.SENT_CODE, "mfaType", "SMS_MFA", "step", "SOFTWARE_TOKEN_MFA",
                    "secret", FakeUserPool.SETUP_SECRET));
            assertThat(forged.statusCode()).as(user[1]).isEqualTo(403);
            assertThat(forged.body().asString()).contains("This form has expired or was sent from another page.");
            assertThat(String.valueOf(FakeUserPool.lastRequest("respond-to-challenge"))).isEqualTo(before);
            assertThat(String.valueOf(FakeUserPool.lastRequest("verify-software-token"))).isEqualTo(verifyBefore);
        }
    }

    @Test
    void offersTheChoiceOfFactorAndAnswersTheChosenOne() {
        var browser = new HostedUiBrowser();
        Response page = challengePage(browser, query(), FakeUserPool.CHOOSING_USER, "/mfaType");
        String html = page.body().asString();
        assertThat(html).contains("Choose how to verify your sign-in")
                .contains("<input type=\"radio\" id=\"mfa-type-SOFTWARE_TOKEN_MFA\" name=\"mfaType\" value=\"SOFTWARE_TOKEN_MFA\" checked autofocus required>")
                .contains("<label for=\"mfa-type-SOFTWARE_TOKEN_MFA\" class=\"label-customizable\">Authenticator app</label>")
                .contains("<label for=\"mfa-type-SMS_MFA\" class=\"label-customizable\">Text message (SMS)</label>")
                .doesNotContain("mfa-type-EMAIL_OTP");
        String action = HostedUiBrowser.loginAction(page);

        Response notOffered = browser.post(action, Map.of("mfaType", "EMAIL_OTP"));
        assertThat(notOffered.statusCode()).isEqualTo(400);
        assertThat(notOffered.body().asString()).contains("role=\"alert\">Choose one of the ways to verify.</p>");

        Response chosen = browser.post(action, Map.of("mfaType", "SOFTWARE_TOKEN_MFA"));
        assertThat(chosen.statusCode()).isEqualTo(303);
        assertThat(chosen.header("Location")).startsWith("/mfa?");
        var answered = FakeUserPool.lastRequest("respond-to-challenge");
        assertThat(answered.path("challengeName").asText()).isEqualTo("SELECT_MFA_TYPE");
        assertThat(answered.path("responses").path("ANSWER").asText()).isEqualTo("SOFTWARE_TOKEN_MFA");
        assertThat(answered.path("responses").path("USERNAME").asText()).isEqualTo(FakeUserPool.CHOOSING_USER);

        Response codePage = browser.get(chosen.header("Location"));
        assertThat(codePage.body().asString()).contains("Enter the code from your authenticator app.").contains("maxlength=\"6\"");
        assertSignedIn(browser.post(HostedUiBrowser.loginAction(codePage), Map.of("code", FakeUserPool.TOTP_CODE)), browser);
    }

    @Test
    void setsAnAuthenticatorUpWithAQrCodeAndTheSecretThenSignsIn() {
        var browser = new HostedUiBrowser();
        Response page = challengePage(browser, query(), FakeUserPool.SETUP_USER, "/mfaSetup");
        assertThat(FakeUserPool.lastRequest("associate-software-token").path("session").asText()).isEqualTo("upstream-session-setup");
        String uri = "otpauth://totp/demo%20pool:setupuser?secret=" + FakeUserPool.SETUP_SECRET + "&issuer=demo%20pool";
        String html = page.body().asString();
        assertThat(html).contains("Set up multi-factor authentication")
                .contains("data-otpauth-uri=\"" + uri.replace("&", "&amp;") + "\"")
                .contains("value=\"JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP\"")
                .contains("id=\"totp-secret\"")
                .contains("autocomplete=\"one-time-code\"").contains("inputmode=\"numeric\"").contains("autofocus");
        assertQrCodeOf(html, uri);

        String action = HostedUiBrowser.loginAction(page);
        Response malformed = browser.post(action, Map.of("step", "SOFTWARE_TOKEN_MFA", "secret", FakeUserPool.SETUP_SECRET, "code", "12ab"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body().asString()).contains("role=\"alert\">Enter the 6-digit code from your authenticator app.</p>");

        Response mismatch = browser.post(action, Map.of("step", "SOFTWARE_TOKEN_MFA", "secret", FakeUserPool.SETUP_SECRET,
                "code", "000000", "deviceName", "Work phone"));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body().asString())
                .contains("role=\"alert\">The code does not match. Enter the current code from your authenticator app.</p>")
                .as("the same secret again, to try the next code").contains("data-otpauth-uri=\"" + uri.replace("&", "&amp;") + "\"")
                .contains("value=\"Work phone\"");

        assertSignedIn(browser.post(action, Map.of("step", "SOFTWARE_TOKEN_MFA", "secret", FakeUserPool.SETUP_SECRET,
                "code", FakeUserPool.SETUP_CODE, "deviceName", "Work phone")), browser);
        var verified = FakeUserPool.lastRequest("verify-software-token");
        assertThat(verified.path("session").asText()).as("the session AssociateSoftwareToken answered").isEqualTo("upstream-session-associated");
        assertThat(verified.path("userCode").asText()).isEqualTo(FakeUserPool.SETUP_CODE);
        assertThat(verified.path("friendlyDeviceName").asText()).isEqualTo("Work phone");
        var answered = FakeUserPool.lastRequest("respond-to-challenge");
        assertThat(answered.path("challengeName").asText()).isEqualTo("MFA_SETUP");
        assertThat(answered.path("session").asText()).isEqualTo("upstream-session-verified");
        assertThat(answered.path("responses").path("USERNAME").asText()).isEqualTo(FakeUserPool.SETUP_USER);
    }

    @Test
    void rendersTheSetUpPageInGerman() {
        var browser = new HostedUiBrowser();
        Response page = challengePage(browser, germanQuery(), FakeUserPool.SETUP_USER, "/mfaSetup");
        assertThat(page.body().asString()).contains("<html lang=\"de\">").contains("Multi-Faktor-Authentifizierung einrichten")
                .contains(">Geheimer Schlüssel</label>").contains(">Code aus der App</label>");
    }

    @Test
    void offersAuthenticatorOrEmailAndSetsEmailUpWithTheAddress() {
        var browser = new HostedUiBrowser();
        Response page = challengePage(browser, query(), FakeUserPool.SETUP_CHOICE_USER, "/mfaSetup");
        assertThat(page.body().asString())
                .contains("<label for=\"mfa-method-SOFTWARE_TOKEN_MFA\" class=\"label-customizable\">Authenticator app</label>")
                .contains("<label for=\"mfa-method-EMAIL_OTP\" class=\"label-customizable\">Email</label>")
                .doesNotContain("data-otpauth-uri");
        String action = HostedUiBrowser.loginAction(page);

        Response nothing = browser.post(action, Map.of("step", "choose", "mfaType", "SMS_MFA"));
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(nothing.body().asString()).contains("role=\"alert\">Choose one of the ways to verify.</p>");

        Response chosen = browser.post(action, Map.of("step", "choose", "mfaType", "EMAIL_OTP"));
        assertThat(chosen.statusCode()).isEqualTo(303);
        assertThat(chosen.header("Location")).startsWith("/mfaSetup?").contains("method=EMAIL_OTP");
        Response emailPage = browser.get(chosen.header("Location"));
        assertThat(emailPage.body().asString()).contains("type=\"email\"").contains("autocomplete=\"email\"")
                .contains(">Email address</label>");
        String emailAction = HostedUiBrowser.loginAction(emailPage);

        Response notAnAddress = browser.post(emailAction, Map.of("step", "EMAIL_OTP", "email", "nope"));
        assertThat(notAnAddress.statusCode()).isEqualTo(400);
        assertThat(notAnAddress.body().asString()).contains("role=\"alert\">Enter your email address.</p>");

        Response refused = browser.post(emailAction, Map.of("step", "EMAIL_OTP", "email", "me@invalid.example"));
        assertThat(refused.statusCode()).as("the engine kept the step").isEqualTo(400);
        assertThat(refused.body().asString()).contains("role=\"alert\">Invalid email address format.</p>")
                .contains("value=\"me@invalid.example\"");

        Response codeSent = browser.post(emailAction, Map.of("step", "EMAIL_OTP", "email", "me@example.com"));
        assertThat(codeSent.statusCode()).isEqualTo(303);
        assertThat(codeSent.header("Location")).startsWith("/mfa?");
        var answered = FakeUserPool.lastRequest("respond-to-challenge");
        assertThat(answered.path("challengeName").asText()).isEqualTo("MFA_SETUP");
        assertThat(answered.path("session").asText()).isEqualTo("upstream-session-setup-choice");
        assertThat(answered.path("responses").path("EMAIL").asText()).isEqualTo("me@example.com");

        Response codePage = browser.get(codeSent.header("Location"));
        assertThat(codePage.body().asString()).contains("We sent a code by email to " + FakeUserPool.EMAIL_DESTINATION + ".");
        assertSignedIn(browser.post(HostedUiBrowser.loginAction(codePage), Map.of("code", FakeUserPool.SENT_CODE)), browser);
    }

    @Test
    void theMfaPagesWithoutAPendingChallengeGoBackToTheSignInForm() {
        var browser = new HostedUiBrowser();
        for (String path : new String[] {"/mfa", "/mfaType", "/mfaSetup"}) {
            Response page = browser.get(path, query());
            assertThat(page.statusCode()).as(path).isEqualTo(303);
            assertThat(page.header("Location")).startsWith("/login?");
        }
    }

    /** The SVG draws exactly the modules qrcodegen gives for {@code uri}, inside the 4-module quiet zone. */
    private static void assertQrCodeOf(String html, String uri) {
        Matcher svg = SVG.matcher(html);
        assertThat(svg.find()).as("an inline SVG QR code").isTrue();
        QrCode expected = QrCode.encodeText(uri, QrCode.Ecc.MEDIUM);
        assertThat(Integer.parseInt(svg.group(1))).isEqualTo(expected.size + 8);
        Set<String> drawn = new HashSet<>();
        Matcher module = MODULE.matcher(svg.group(2));
        while (module.find()) {
            drawn.add((Integer.parseInt(module.group(1)) - 4) + "," + (Integer.parseInt(module.group(2)) - 4));
        }
        Set<String> dark = new HashSet<>();
        for (int y = 0; y < expected.size; y++) {
            for (int x = 0; x < expected.size; x++) {
                if (expected.getModule(x, y)) {
                    dark.add(x + "," + y);
                }
            }
        }
        assertThat(drawn).isEqualTo(dark);
    }
}
