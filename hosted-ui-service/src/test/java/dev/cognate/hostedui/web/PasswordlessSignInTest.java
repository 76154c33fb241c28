package dev.cognate.hostedui.web;

import dev.cognate.hostedui.support.FakeUserPool;
import dev.cognate.hostedui.support.HostedUiBrowser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in form's password-less buttons (USER_AUTH with a PREFERRED_CHALLENGE; user-pool-service stood in for by
 * {@link FakeUserPool}): offered only where the pool allows the factor, then the engine's challenge on its page — the
 * code sent by email (EMAIL_OTP) or SMS (SMS_OTP) on {@code /mfa} — against real Redis.
 */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
class PasswordlessSignInTest {

    private static Map<String, String> query() {
        return HostedUiBrowser.authorizeQuery(FakeUserPool.PASSWORDLESS_CLIENT);
    }

    private static Response choose(HostedUiBrowser browser, Map<String, String> query, String username, String factor) {
        Response form = browser.get("/login", query);
        assertThat(form.statusCode()).as(form.body().asString()).isEqualTo(200);
        return browser.post(HostedUiBrowser.loginAction(form), Map.of("username", username, "factor", factor));
    }

    private static void assertSignedIn(Response done, HostedUiBrowser browser) {
        assertThat(done.statusCode()).as(done.body().asString()).isEqualTo(303);
        assertThat(done.header("Location")).startsWith(FakeUserPool.CALLBACK_URL + "?code=");
        assertThat(browser.cookies()).containsKey("__Host-cognate-session").doesNotContainKey("__Host-cognate-challenge");
    }

    @Test
    void offersTheFactorsThePoolAllowsAsButtonsOfTheSignInForm() {
        String html = new HostedUiBrowser().get("/login", query()).body().asString();
        assertThat(html).contains("<legend class=\"textDescription-customizable\">Or sign in without a password</legend>")
                .contains("<button type=\"submit\" name=\"factor\" value=\"EMAIL_OTP\" formnovalidate class=\"secondary idpButton-customizable\">Email me a code</button>")
                .contains("<button type=\"submit\" name=\"factor\" value=\"SMS_OTP\" formnovalidate class=\"secondary idpButton-customizable\">Text me a code</button>");
        // the password stays the form's first (default) submit button, so Enter signs in with the password
        assertThat(html.indexOf(">Sign in</button>")).isPositive().isLessThan(html.indexOf("name=\"factor\""));

        Map<String, String> german = new HashMap<>(query());
        german.put("lang", "de");
        assertThat(new HostedUiBrowser().get("/login", german).body().asString())
                .contains("Oder ohne Passwort anmelden").contains(">Code per E-Mail senden</button>").contains(">Code per SMS senden</button>");
    }

    @Test
    void offersThePasskeyAndPostsTheCredentialAsWebAuthnsAnswer() {
        assertThat(new HostedUiBrowser().get("/login", query()).body().asString())
                .contains("<button type=\"submit\" name=\"factor\" value=\"WEB_AUTHN\" formnovalidate class=\"secondary idpButton-customizable\">Sign in with a passkey</button>");
        var browser = new HostedUiBrowser();
        Response challenged = choose(browser, query(), FakeUserPool.PASSKEY_USER, "WEB_AUTHN");
        assertThat(challenged.statusCode()).as(challenged.body().asString()).isEqualTo(303);
        assertThat(challenged.header("Location")).startsWith("/passkey?");
        Response page = browser.get(challenged.header("Location"));
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body().asString();
        assertThat(html).contains("<h1>Sign in with a passkey</h1>")
                .contains("data-options=\"" + FakeUserPool.PASSKEY_OPTIONS.replace("\"", "&quot;") + "\"")
                .contains("<script src=\"/static/passkey.js\" defer></script>").doesNotContain("upstream-session")
                .contains(">Use my passkey</button>");
        assertThat(html.replaceAll("<script src=\"/static/passkey.js\" defer></script>", "")).as("no inline script").doesNotContain("<script");

        Response cancelled = browser.post(HostedUiBrowser.loginAction(page), Map.of("credential", ""));
        assertThat(cancelled.statusCode()).isEqualTo(400);
        assertThat(cancelled.body().asString()).contains("role=\"alert\">The passkey was not used. Try again, or sign in another way.</p>");

        Response malformed = browser.post(HostedUiBrowser.loginAction(page), Map.of("credential", "not json"));
        assertThat(malformed.statusCode()).as("the engine keeps the session").isEqualTo(400);
        assertThat(malformed.body().asString()).contains("data-options=");

        assertSignedIn(browser.post(HostedUiBrowser.loginAction(page), Map.of("credential", FakeUserPool.GOOD_PASSKEY)), browser);
        var answered = FakeUserPool.lastRequest("respond-to-challenge");
        assertThat(answered.path("challengeName").asText()).isEqualTo("WEB_AUTHN");
        assertThat(answered.path("session").asText()).isEqualTo("upstream-session-passkey");
        assertThat(answered.path("responses").path("CREDENTIAL").asText()).isEqualTo(FakeUserPool.GOOD_PASSKEY);
    }

    @Test
    void aRefusedPasskeyEndsTheSignInAndSaysSoInGerman() {
        var browser = new HostedUiBrowser();
        Map<String, String> german = new HashMap<>(query());
        german.put("lang", "de");
        Response page = browser.get(choose(browser, german, FakeUserPool.PASSKEY_USER, "WEB_AUTHN").header("Location"));
        assertThat(page.body().asString()).contains("<html lang=\"de\">").contains(">Meinen Passkey verwenden</button>");
        Response refused = browser.post(HostedUiBrowser.loginAction(page), Map.of("credential", "{\"id\":\"another\"}"));
        assertThat(refused.statusCode()).isEqualTo(303);
        assertThat(refused.header("Location")).startsWith("/login?").contains("notice=passkey_refused");
        assertThat(browser.cookies()).doesNotContainKey("__Host-cognate-challenge");
        assertThat(browser.get(refused.header("Location")).body().asString())
                .contains("Der Passkey wurde nicht akzeptiert. Melden Sie sich erneut an.");
        assertThat(browser.get(HostedUiBrowser.loginAction(page)).header("Location")).as("no challenge left").startsWith("/login?");
    }

    @Test
    void offersNoPasswordlessFactorWhereThePoolAllowsNone() {
        String html = new HostedUiBrowser().get("/login", HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT)).body().asString();
        assertThat(html).contains(">Sign in</button>").doesNotContain("name=\"factor\"").doesNotContain("without a password");
    }

    @Test
    void emailsACodeAndSignsInWithIt() {
        var browser = new HostedUiBrowser();
        Response challenged = choose(browser, query(), FakeUserPool.EMAIL_USER, "EMAIL_OTP");
        assertThat(challenged.statusCode()).as(challenged.body().asString()).isEqualTo(303);
        assertThat(challenged.header("Location")).startsWith("/mfa?");
        var started = FakeUserPool.lastRequest("choice-sign-in");
        assertThat(started.path("username").asText()).isEqualTo(FakeUserPool.EMAIL_USER);
        assertThat(started.path("preferredChallenge").asText()).isEqualTo("EMAIL_OTP");
        assertThat(started.has("password")).isFalse();

        Response page = browser.get(challenged.header("Location"));
        assertThat(page.body().asString()).contains("We sent a code by email to " + FakeUserPool.EMAIL_DESTINATION + ". Enter it below.")
                .doesNotContain("upstream-session");
        assertSignedIn(browser.post(HostedUiBrowser.loginAction(page), Map.of("code", FakeUserPool.SENT_CODE)), browser);
        var answered = FakeUserPool.lastRequest("respond-to-challenge");
        assertThat(answered.path("challengeName").asText()).isEqualTo("EMAIL_OTP");
        assertThat(answered.path("responses").path("EMAIL_OTP_CODE").asText()).isEqualTo(FakeUserPool.SENT_CODE);
        assertThat(answered.path("responses").path("USERNAME").asText()).isEqualTo(FakeUserPool.EMAIL_USER);
    }

    @Test
    void textsACodeAndSignsInWithItAnsweringSmsOtpCode() {
        var browser = new HostedUiBrowser();
        Response challenged = choose(browser, query(), FakeUserPool.SMS_USER, "SMS_OTP");
        assertThat(challenged.header("Location")).as(challenged.body().asString()).startsWith("/mfa?");
        Response page = browser.get(challenged.header("Location"));
        assertThat(page.body().asString()).contains("We sent a code by text message to " + FakeUserPool.SMS_DESTINATION + ".");

        Response wrong = browser.post(HostedUiBrowser.loginAction(page), Map.of("code", "000000"));
        assertThat(wrong.statusCode()).isEqualTo(303);
        assertThat(wrong.header("Location")).startsWith("/login?").contains("notice=mfa_code_refused");

        Response again = browser.get(choose(browser, query(), FakeUserPool.SMS_USER, "SMS_OTP").header("Location"));
        assertSignedIn(browser.post(HostedUiBrowser.loginAction(again), Map.of("code", FakeUserPool.SENT_CODE)), browser);
        var answered = FakeUserPool.lastRequest("respond-to-challenge");
        assertThat(answered.path("challengeName").asText()).isEqualTo("SMS_OTP");
        assertThat(answered.path("session").asText()).isEqualTo("upstream-session-sms-otp");
        assertThat(answered.path("responses").path("SMS_OTP_CODE").asText()).isEqualTo(FakeUserPool.SENT_CODE);
    }

    @Test
    void aUserWhoCannotUseTheFactorIsToldToSignInAnotherWay() {
        var browser = new HostedUiBrowser();
        Response refused = choose(browser, query(), FakeUserPool.USER, "SMS_OTP");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body().asString())
                .contains("role=\"alert\">This sign-in option is not available for your account. Sign in another way.</p>")
                .contains("value=\"" + FakeUserPool.USER + "\"");
        assertThat(browser.cookies()).doesNotContainKey("__Host-cognate-challenge");
    }

    @Test
    void asksForTheUsernameFirst() {
        var browser = new HostedUiBrowser();
        String before = String.valueOf(FakeUserPool.lastRequest("choice-sign-in"));
        Response refused = choose(browser, query(), "  ", "EMAIL_OTP");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body().asString()).contains("role=\"alert\">Enter your username.</p>");
        assertThat(String.valueOf(FakeUserPool.lastRequest("choice-sign-in"))).isEqualTo(before);
    }

    @Test
    void refusesAFactorTheFormDidNotOfferAndPassesNothingOn() {
        String before = String.valueOf(FakeUserPool.lastRequest("choice-sign-in"));
        Response other = choose(new HostedUiBrowser(), HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT),
                FakeUserPool.EMAIL_USER, "EMAIL_OTP");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body().asString()).contains("This sign-in option is not available for your account.");
        Response unknown = choose(new HostedUiBrowser(), query(), FakeUserPool.EMAIL_USER, "PASSWORD");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(String.valueOf(FakeUserPool.lastRequest("choice-sign-in"))).isEqualTo(before);
    }

    @Test
    void refusesTheButtonsWithoutTheCsrfToken() {
        var browser = new HostedUiBrowser();
        String before = String.valueOf(FakeUserPool.lastRequest("choice-sign-in"));
        Response form = browser.get("/login", query());
        Response forged = browser.post(HostedUiBrowser.loginAction(form), Map.of("_csrf", "forged-token-of-another-site-000000000",
                "username", FakeUserPool.EMAIL_USER, "factor", "EMAIL_OTP"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(String.valueOf(FakeUserPool.lastRequest("choice-sign-in"))).isEqualTo(before);
    }

    @Test
    void aFailingUserPoolShowsTheUnavailablePage() {
        Response failed = choose(new HostedUiBrowser(), query(), FakeUserPool.FAILING_USER, "EMAIL_OTP");
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.header("Location")).isNull();
        assertThat(failed.body().asString()).contains("The sign-in service is temporarily unavailable. Please try again in a moment.")
                .doesNotContain("database is down");
    }
}
