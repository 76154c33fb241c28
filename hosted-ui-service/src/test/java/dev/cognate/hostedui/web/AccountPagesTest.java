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

/** Sign-up, confirmation and password reset, each keeping the authorization request to the end. */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
class AccountPagesTest {

    private static final Map<String, String> QUERY = HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT);

    @Test
    void signsUpConfirmsAndSignsInKeepingTheAuthorizationRequest() {
        var browser = new HostedUiBrowser();
        Response form = browser.get("/signup", QUERY);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body().asString())
                .contains("<label for=\"attribute-0\" class=\"label-customizable\">Email</label>")
                .contains("name=\"attribute.email\"")
                .contains("autocomplete=\"new-password\"");

        Response signedUp = browser.post(HostedUiBrowser.loginAction(form), Map.of("username", "bob",
                "password", "Long-enough-1", "attribute.email", "bob@example.com"));
        assertThat(signedUp.statusCode()).isEqualTo(303);
        String confirmUrl = signedUp.header("Location");
        assertThat(confirmUrl).startsWith("/confirm?");
        assertThat(HostedUiBrowser.queryOf(confirmUrl)).containsEntry("username", "bob")
                .containsEntry("state", "st-123").containsEntry("code_challenge", HostedUiBrowser.CODE_CHALLENGE);

        Response confirmForm = browser.get(confirmUrl);
        assertThat(confirmForm.body().asString()).contains("autocomplete=\"one-time-code\"").contains("value=\"bob\"");
        Response wrongCode = browser.post(HostedUiBrowser.loginAction(confirmForm),
                Map.of("username", "bob", "code", "000000"));
        assertThat(wrongCode.statusCode()).isEqualTo(400);
        assertThat(wrongCode.body().asString())
                .contains("role=\"alert\">Invalid verification code provided, please try again.</p>");

        Response confirmed = browser.post(HostedUiBrowser.loginAction(confirmForm),
                Map.of("username", "bob", "code", FakeUserPool.CONFIRMATION_CODE));
        assertThat(confirmed.statusCode()).isEqualTo(303);
        String loginUrl = confirmed.header("Location");
        assertThat(loginUrl).startsWith("/login?");
        Response login = browser.get(loginUrl);
        assertThat(login.body().asString()).contains("Your account is confirmed. Sign in to continue.")
                .contains("value=\"bob\"");

        Response signedIn = browser.post(HostedUiBrowser.loginAction(login),
                Map.of("username", FakeUserPool.USER, "password", FakeUserPool.PASSWORD));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(HostedUiBrowser.queryOf(signedIn.header("Location"))).containsKey("code").containsEntry("state", "st-123");
    }

    @Test
    void showsCognitosMessageWhenTheUserExistsAndKeepsWhatWasTypedButThePassword() {
        var browser = new HostedUiBrowser();
        Response form = browser.get("/signup", QUERY);
        Response refused = browser.post(HostedUiBrowser.loginAction(form), Map.of("username", FakeUserPool.USER,
                "password", "Long-enough-1", "attribute.email", "alice@example.com"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body().asString())
                .contains("role=\"alert\">User already exists</p>")
                .contains("value=\"alice\"")
                .contains("value=\"alice@example.com\"")
                .doesNotContain("Long-enough-1");
    }

    @Test
    void resendsTheCodeFromTheConfirmationPage() {
        var browser = new HostedUiBrowser();
        Response confirmForm = browser.get("/confirm", withUsername("bob"));
        String resend = confirmForm.body().asString().replaceAll("(?s).*<form method=\"post\" action=\"(/resendcode[^\"]+)\".*", "$1")
                .replace("&amp;", "&");
        assertThat(resend).startsWith("/resendcode?");

        Response resent = browser.post(resend, Map.of("username", "bob"));
        assertThat(resent.statusCode()).isEqualTo(303);
        assertThat(HostedUiBrowser.queryOf(resent.header("Location"))).containsEntry("notice", "code_sent")
                .containsEntry("username", "bob");
        assertThat(browser.get(resent.header("Location")).body().asString()).contains("We have sent you a new code.");
    }

    @Test
    void confirmsThroughCognitosLink() {
        Response confirmed = new HostedUiBrowser().get("/confirmUser", Map.of("client_id", FakeUserPool.KNOWN_CLIENT,
                "user_name", "bob", "confirmation_code", FakeUserPool.CONFIRMATION_CODE));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body().asString()).contains("Your registration has been confirmed.");

        Response wrong = new HostedUiBrowser().get("/confirmUser", Map.of("client_id", FakeUserPool.KNOWN_CLIENT,
                "user_name", "bob", "confirmation_code", "999999"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body().asString()).contains("role=\"alert\">Invalid verification code provided, please try again.</p>");

        Map<String, String> withRequest = new HashMap<>(QUERY);
        withRequest.putAll(Map.of("user_name", "bob", "confirmation_code", FakeUserPool.CONFIRMATION_CODE));
        Response toLogin = new HostedUiBrowser().get("/confirmUser", withRequest);
        assertThat(toLogin.statusCode()).isEqualTo(303);
        assertThat(toLogin.header("Location")).startsWith("/login?").contains("notice=confirmed");
    }

    @Test
    void resetsAForgottenPasswordAndSendsTheUserToSignIn() {
        var browser = new HostedUiBrowser();
        Response form = browser.get("/forgotPassword", QUERY);
        assertThat(form.statusCode()).isEqualTo(200);
        Response sent = browser.post(HostedUiBrowser.loginAction(form), Map.of("username", FakeUserPool.USER));
        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(sent.header("Location")).startsWith("/confirmforgotPassword?").contains("username=alice");

        Response confirmForm = browser.get(sent.header("Location"));
        String action = HostedUiBrowser.loginAction(confirmForm);
        Response mismatch = browser.post(action, Map.of("username", FakeUserPool.USER,
                "code", FakeUserPool.CONFIRMATION_CODE, "password", "New-pass-123", "confirmPassword", "Other-456"));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body().asString()).contains("Passwords do not match.").doesNotContain("New-pass-123");

        Response reset = browser.post(action, Map.of("username", FakeUserPool.USER,
                "code", FakeUserPool.CONFIRMATION_CODE, "password", "New-pass-123", "confirmPassword", "New-pass-123"));
        assertThat(reset.statusCode()).isEqualTo(303);
        assertThat(reset.header("Location")).startsWith("/login?").contains("notice=password_reset");
    }

    @Test
    void refusesEveryAccountFormWithoutTheCsrfToken() {
        for (String path : new String[] {"/signup", "/confirm", "/resendcode", "/forgotPassword", "/confirmforgotPassword",
                "/newPassword", "/login"}) {
            Response response = new HostedUiBrowser().request().contentType("application/x-www-form-urlencoded")
                    .queryParams(QUERY).formParam("username", "bob").post(path);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(response.header("Location")).as(path).isNull();
        }
    }

    @Test
    void rendersTheAccountPagesInGerman() {
        Map<String, String> german = new HashMap<>(QUERY);
        german.put("lang", "de");
        assertThat(new HostedUiBrowser().get("/signup", german).body().asString()).contains("Neues Konto anlegen");
        assertThat(new HostedUiBrowser().get("/forgotPassword", german).body().asString())
                .contains("Passwort zurücksetzen");
    }

    private static Map<String, String> withUsername(String username) {
        Map<String, String> query = new HashMap<>(QUERY);
        query.put("username", username);
        return query;
    }
}
