package dev.cognate.hostedui.web;

import dev.cognate.events.oauth.AuthorizationCode;
import dev.cognate.hostedui.support.FakeUserPool;
import dev.cognate.hostedui.support.HostedUiBrowser;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in form, the codes it issues, the hosted-UI session and single sign-on, against real Redis. */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
class SignInFlowTest {

    private static final String ISSUER = "http://localhost:8081/" + FakeUserPool.POOL_ID;

    @Inject
    RedisDataSource redis;

    private AuthorizationCode grantOf(String location) {
        String code = HostedUiBrowser.queryOf(location).get("code");
        assertThat(code).as(location).isNotBlank();
        String json = redis.value(String.class).get(AuthorizationCode.redisKey(code));
        assertThat(json).as("the grant of the code in Redis").isNotNull();
        return AuthorizationCode.fromJson(json);
    }

    private static Map<String, String> query(String clientId) {
        return HostedUiBrowser.authorizeQuery(clientId);
    }

    @Test
    void signsInAndRedirectsWithACodeWhoseGrantIsInRedis() {
        var browser = new HostedUiBrowser();
        Response form = browser.get("/login", query(FakeUserPool.KNOWN_CLIENT));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body().asString())
                .contains("<label for=\"username\" class=\"label-customizable\">Username</label>")
                .contains("autocomplete=\"username\"")
                .contains("autocomplete=\"current-password\"")
                .contains("name=\"_csrf\"");

        Response response = browser.post(HostedUiBrowser.loginAction(form),
                Map.of("username", FakeUserPool.USER, "password", FakeUserPool.PASSWORD));

        assertThat(response.statusCode()).isEqualTo(303);
        String location = response.header("Location");
        assertThat(location).startsWith(FakeUserPool.CALLBACK_URL + "?code=");
        assertThat(HostedUiBrowser.queryOf(location)).containsEntry("state", "st-123").containsEntry("iss", ISSUER);
        AuthorizationCode grant = grantOf(location);
        assertThat(grant.userPoolId()).isEqualTo(FakeUserPool.POOL_ID);
        assertThat(grant.clientId()).isEqualTo(FakeUserPool.KNOWN_CLIENT);
        assertThat(grant.sub()).isEqualTo(FakeUserPool.USER_SUB);
        assertThat(grant.username()).isEqualTo(FakeUserPool.USER);
        assertThat(grant.scopes()).containsExactly("openid", "email");
        assertThat(grant.redirectUri()).isEqualTo(FakeUserPool.CALLBACK_URL);
        assertThat(grant.nonce()).isEqualTo("n-456");
        assertThat(grant.codeChallenge()).isEqualTo(HostedUiBrowser.CODE_CHALLENGE);
        assertThat(grant.codeChallengeMethod()).isEqualTo("S256");
        assertThat(grant.authTime()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(5L));
        assertThat(grant.sessionId()).matches("[0-9a-f]{64}");
        String code = HostedUiBrowser.queryOf(location).get("code");
        assertThat(redis.key().ttl(AuthorizationCode.redisKey(code))).isBetween(1L, 300L);
        // The session key is the SHA-256 of the cookie, never the cookie itself.
        String sessionId = browser.cookies().get("__Host-cognate-session");
        assertThat(redis.key().exists("cognate:hosted-session:" + sessionId)).isFalse();
        assertThat(redis.key().exists("cognate:hosted-session:" + grant.sessionId())).isTrue();
    }

    @Test
    void grantsAllAllowedScopesWhenNoneWasRequested() {
        Map<String, String> query = new LinkedHashMap<>(query(FakeUserPool.KNOWN_CLIENT));
        query.remove("scope");
        Response response = new HostedUiBrowser().signIn(query, FakeUserPool.USER, FakeUserPool.PASSWORD);
        assertThat(grantOf(response.header("Location")).scopes())
                .containsExactly("openid", "email", "profile", "aws.cognito.signin.user.admin", "orders/read");
    }

    @Test
    void setsTheSessionCookieSecureHttpOnlyLaxOnPathRootWithoutDomain() {
        Response response = new HostedUiBrowser().signIn(query(FakeUserPool.KNOWN_CLIENT), FakeUserPool.USER,
                FakeUserPool.PASSWORD);

        Cookie cookie = response.detailedCookie("__Host-cognate-session");
        assertThat(cookie).isNotNull();
        assertThat(cookie.getValue()).matches("[A-Za-z0-9_-]{43}");
        assertThat(cookie.isSecured()).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualToIgnoringCase("Lax");
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.hasDomain()).isFalse();
    }

    @Test
    void showsCognitosMessageForAWrongPasswordAndKeepsTheUsernameButNeverThePassword() {
        var browser = new HostedUiBrowser();
        Response form = browser.get("/login", query(FakeUserPool.KNOWN_CLIENT));
        Response response = browser.post(HostedUiBrowser.loginAction(form),
                Map.of("username", FakeUserPool.USER, "password", "Wrong-secret-99"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.header("Location")).isNull();
        assertThat(response.detailedCookie("__Host-cognate-session")).isNull();
        String body = response.body().asString();
        assertThat(body)
                .contains("role=\"alert\">Incorrect username or password.</p>")
                .contains("aria-describedby=\"form-error\"")
                .contains("value=\"alice\"")
                .doesNotContain("Wrong-secret-99");
    }

    @Test
    void refusesAFormWithoutOrWithAWrongCsrfTokenWith403() {
        var browser = new HostedUiBrowser();
        Response form = browser.get("/login", query(FakeUserPool.KNOWN_CLIENT));
        String action = HostedUiBrowser.loginAction(form);

        Map<String, String> wrongToken = new HashMap<>(Map.of("username", FakeUserPool.USER,
                "password", FakeUserPool.PASSWORD, "_csrf", "A".repeat(43)));
        Response wrong = browser.post(action, wrongToken);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.header("Location")).isNull();

        Response withoutCookie = new HostedUiBrowser().request().urlEncodingEnabled(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("username", FakeUserPool.USER).formParam("password", FakeUserPool.PASSWORD)
                .formParam("_csrf", browser.cookies().get("__Host-cognate-csrf"))
                .post(action);
        assertThat(withoutCookie.statusCode()).isEqualTo(403);
        assertThat(withoutCookie.body().asString()).contains("This form has expired or was sent from another page.");
    }

    @Test
    void signsASecondClientOfTheSamePoolInWithoutAPassword() {
        var browser = new HostedUiBrowser();
        browser.signIn(query(FakeUserPool.KNOWN_CLIENT), FakeUserPool.USER, FakeUserPool.PASSWORD);

        Response response = browser.get("/oauth2/authorize", query(FakeUserPool.SECOND_CLIENT));

        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.header("Location");
        assertThat(location).startsWith(FakeUserPool.CALLBACK_URL + "?code=");
        assertThat(HostedUiBrowser.queryOf(location)).containsEntry("iss", ISSUER).containsEntry("state", "st-123");
        AuthorizationCode grant = grantOf(location);
        assertThat(grant.clientId()).isEqualTo(FakeUserPool.SECOND_CLIENT);
        assertThat(grant.sub()).isEqualTo(FakeUserPool.USER_SUB);

        // prompt=none is answered with a code too.
        Map<String, String> silent = new LinkedHashMap<>(query(FakeUserPool.SECOND_CLIENT));
        silent.put("prompt", "none");
        assertThat(browser.get("/oauth2/authorize", silent).header("Location"))
                .startsWith(FakeUserPool.CALLBACK_URL + "?code=");
    }

    @Test
    void ignoresASessionOfAnotherPool() {
        var browser = new HostedUiBrowser();
        browser.signIn(query(FakeUserPool.KNOWN_CLIENT), FakeUserPool.USER, FakeUserPool.PASSWORD);

        Map<String, String> otherPool = new LinkedHashMap<>(query(FakeUserPool.OTHER_POOL_CLIENT));
        Response response = browser.get("/oauth2/authorize", otherPool);
        assertThat(response.header("Location")).startsWith("/login?");

        otherPool.put("prompt", "none");
        assertThat(HostedUiBrowser.queryOf(browser.get("/oauth2/authorize", otherPool).header("Location")))
                .containsEntry("error", "login_required");
    }

    @Test
    void promptLoginAndMaxAgeZeroForceTheForm() {
        var browser = new HostedUiBrowser();
        browser.signIn(query(FakeUserPool.KNOWN_CLIENT), FakeUserPool.USER, FakeUserPool.PASSWORD);

        for (var parameter : List.of(Map.entry("prompt", "login"), Map.entry("max_age", "0"))) {
            Map<String, String> query = new LinkedHashMap<>(query(FakeUserPool.SECOND_CLIENT));
            query.put(parameter.getKey(), parameter.getValue());
            String location = browser.get("/oauth2/authorize", query).header("Location");
            assertThat(location).as(parameter.toString()).startsWith("/login?");
            Response form = browser.get(location);
            assertThat(form.statusCode()).as(parameter.toString()).isEqualTo(200);
            assertThat(form.body().asString()).contains("autocomplete=\"current-password\"");
        }
        Map<String, String> recentEnough = new LinkedHashMap<>(query(FakeUserPool.SECOND_CLIENT));
        recentEnough.put("max_age", "3600");
        assertThat(browser.get("/oauth2/authorize", recentEnough).header("Location"))
                .startsWith(FakeUserPool.CALLBACK_URL + "?code=");
    }

    @Test
    void startsANewSessionAtEverySignIn() {
        var browser = new HostedUiBrowser();
        browser.signIn(query(FakeUserPool.KNOWN_CLIENT), FakeUserPool.USER, FakeUserPool.PASSWORD);
        String first = browser.cookies().get("__Host-cognate-session");

        Map<String, String> again = new LinkedHashMap<>(query(FakeUserPool.KNOWN_CLIENT));
        again.put("prompt", "login");
        browser.signIn(again, FakeUserPool.USER, FakeUserPool.PASSWORD);
        String second = browser.cookies().get("__Host-cognate-session");

        assertThat(second).isNotEqualTo(first);
        var stale = new HostedUiBrowser();
        stale.cookies().put("__Host-cognate-session", first);
        assertThat(stale.get("/oauth2/authorize", query(FakeUserPool.SECOND_CLIENT)).header("Location"))
                .as("the old session ended").startsWith("/login?");
    }

    @Test
    void sendsAnUnconfirmedUserToTheConfirmationPageAndAResetUserToTheResetPage() {
        Response unconfirmed = new HostedUiBrowser().signIn(query(FakeUserPool.KNOWN_CLIENT),
                FakeUserPool.UNCONFIRMED_USER, "Whatever-1");
        assertThat(unconfirmed.statusCode()).isEqualTo(303);
        assertThat(unconfirmed.header("Location")).startsWith("/confirm?client_id=" + FakeUserPool.KNOWN_CLIENT)
                .contains("username=unconfirmed");

        Response reset = new HostedUiBrowser().signIn(query(FakeUserPool.KNOWN_CLIENT), FakeUserPool.RESET_USER,
                "Whatever-1");
        assertThat(reset.statusCode()).isEqualTo(303);
        assertThat(reset.header("Location")).startsWith("/forgotPassword?").contains("username=resetme");
    }

    @Test
    void asksForANewPasswordAndTheMissingRequiredAttributesThenSignsIn() {
        var browser = new HostedUiBrowser();
        Response challenged = browser.signIn(query(FakeUserPool.KNOWN_CLIENT), FakeUserPool.NEW_USER,
                FakeUserPool.TEMPORARY_PASSWORD);
        assertThat(challenged.statusCode()).isEqualTo(303);
        assertThat(challenged.header("Location")).startsWith("/newPassword?");
        assertThat(challenged.body().asString()).doesNotContain("upstream-session-1");

        Response form = browser.get(challenged.header("Location"));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body().asString())
                .contains("autocomplete=\"new-password\"")
                .contains("name=\"attribute.name\"")
                .doesNotContain("upstream-session-1");
        String action = HostedUiBrowser.loginAction(form);

        Response mismatch = browser.post(action, Map.of("newPassword", "Brand-new-pass-1",
                "confirmPassword", "Other-pass-2", "attribute.name", "New Bie"));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body().asString()).contains("role=\"alert\">Passwords do not match.</p>")
                .doesNotContain("Brand-new-pass-1");

        Response done = browser.post(action, Map.of("newPassword", "Brand-new-pass-1",
                "confirmPassword", "Brand-new-pass-1", "attribute.name", "New Bie"));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(grantOf(done.header("Location")).username()).isEqualTo("newbie");
        assertThat(browser.cookies()).containsKey("__Host-cognate-session").doesNotContainKey("__Host-cognate-challenge");

        // the page answered the engine's challenge with its session, as RespondToAuthChallenge would, and the browser's address
        var answered = FakeUserPool.lastRequest("respond-to-challenge");
        assertThat(answered.path("challengeName").asText()).isEqualTo("NEW_PASSWORD_REQUIRED");
        assertThat(answered.path("session").asText()).isEqualTo("upstream-session-1");
        assertThat(answered.path("responses").path("USERNAME").asText()).isEqualTo("newbie");
        assertThat(answered.path("responses").path("userAttributes.name").asText()).isEqualTo("New Bie");
        assertThat(answered.path("ipAddress").asText()).isNotBlank();
    }

    @Test
    void asksForTheAuthenticatorCodeThenSignsIn() {
        var browser = new HostedUiBrowser();
        Response challenged = browser.signIn(query(FakeUserPool.KNOWN_CLIENT), FakeUserPool.TOTP_USER, FakeUserPool.PASSWORD);
        assertThat(challenged.statusCode()).isEqualTo(303);
        assertThat(challenged.header("Location")).startsWith("/mfa?");

        Response form = browser.get(challenged.header("Location"));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body().asString()).contains("autocomplete=\"one-time-code\"").contains("inputmode=\"numeric\"")
                .contains("Enter the code from your authenticator app.").doesNotContain("upstream-session-totp");
        String action = HostedUiBrowser.loginAction(form);

        Response empty = browser.post(action, Map.of("code", " "));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body().asString()).contains("role=\"alert\">Enter the code from your authenticator app.</p>");

        Response done = browser.post(action, Map.of("code", FakeUserPool.TOTP_CODE));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(grantOf(done.header("Location")).username()).isEqualTo(FakeUserPool.TOTP_USER);
        var answered = FakeUserPool.lastRequest("respond-to-challenge");
        assertThat(answered.path("challengeName").asText()).isEqualTo("SOFTWARE_TOKEN_MFA");
        assertThat(answered.path("responses").path("SOFTWARE_TOKEN_MFA_CODE").asText()).isEqualTo(FakeUserPool.TOTP_CODE);
        assertThat(browser.cookies()).containsKey("__Host-cognate-session").doesNotContainKey("__Host-cognate-challenge");
    }

    @Test
    void aRefusedAuthenticatorCodeEndsTheSignInAndSaysSo() {
        var browser = new HostedUiBrowser();
        Response challenged = browser.signIn(query(FakeUserPool.KNOWN_CLIENT), FakeUserPool.TOTP_USER, FakeUserPool.PASSWORD);
        String action = HostedUiBrowser.loginAction(browser.get(challenged.header("Location")));

        Response refused = browser.post(action, Map.of("code", "000000"));
        assertThat(refused.statusCode()).isEqualTo(303);
        assertThat(refused.header("Location")).startsWith("/login?").contains("notice=mfa_code_refused");
        assertThat(browser.cookies()).doesNotContainKey("__Host-cognate-challenge").doesNotContainKey("__Host-cognate-session");
        assertThat(browser.get(refused.header("Location")).body().asString()).contains("The code was not accepted. Sign in again.");
        assertThat(browser.get(challenged.header("Location")).header("Location")).as("the code page without its challenge")
                .startsWith("/login?");
    }

    @Test
    void showsTheEnginesRefusalWhenTheSignInNeedsAnMfaStepCognateCannotAskYet() {
        var browser = new HostedUiBrowser();
        Response refused = browser.signIn(query(FakeUserPool.KNOWN_CLIENT), FakeUserPool.MFA_USER, FakeUserPool.PASSWORD);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body().asString()).contains(FakeUserPool.MFA_REFUSAL);
        assertThat(browser.cookies()).doesNotContainKey("__Host-cognate-session");
    }

    @Test
    void escapesMarkupInLoginHintAndTypedUsername() {
        String probe = "\"><script>alert(1)</script>";
        var browser = new HostedUiBrowser();
        Map<String, String> query = new LinkedHashMap<>(query(FakeUserPool.KNOWN_CLIENT));
        query.put("login_hint", probe);
        query.put("state", probe);
        Response form = browser.get("/login", query);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body().asString()).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;");

        Response refused = browser.post(HostedUiBrowser.loginAction(form), Map.of("username", probe, "password", "x"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body().asString()).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;");
    }

    @Test
    void labelsTheUsernameEmailWhenThePoolSignsInWithEmail() {
        Map<String, String> query = new LinkedHashMap<>(query(FakeUserPool.CONFIDENTIAL_CLIENT));
        assertThat(new HostedUiBrowser().get("/login", query).body().asString())
                .contains("<label for=\"username\" class=\"label-customizable\">Email</label>").contains("type=\"email\"");
    }

    @Test
    void rendersTheSignInPageInGerman() {
        Map<String, String> query = new LinkedHashMap<>(query(FakeUserPool.KNOWN_CLIENT));
        query.put("lang", "de");
        var browser = new HostedUiBrowser();
        Response form = browser.get("/login", query);
        assertThat(form.body().asString())
                .contains("<html lang=\"de\">")
                .contains("<label for=\"username\" class=\"label-customizable\">Benutzername</label>")
                .contains("<label for=\"password\" class=\"label-customizable\">Passwort</label>")
                .contains("Passwort vergessen?");

        Response refused = browser.post(HostedUiBrowser.loginAction(form),
                Map.of("username", FakeUserPool.USER, "password", "nope"));
        assertThat(refused.body().asString()).contains("Benutzername oder Passwort ist falsch.");

        Map<String, String> byHeader = query(FakeUserPool.KNOWN_CLIENT);
        assertThat(new HostedUiBrowser().request().header("Accept-Language", "de-DE,de;q=0.9").queryParams(byHeader)
                .get("/login").body().asString()).contains("<html lang=\"de\">");
        Map<String, String> byUiLocales = new LinkedHashMap<>(query(FakeUserPool.KNOWN_CLIENT));
        byUiLocales.put("ui_locales", "fr de");
        assertThat(new HostedUiBrowser().get("/login", byUiLocales).body().asString()).contains("<html lang=\"de\">");
    }

    @Test
    void showsServiceUnavailableWhenUserPoolServiceFailsTheSignIn() {
        var browser = new HostedUiBrowser();
        Response response = browser.signIn(query(FakeUserPool.KNOWN_CLIENT), FakeUserPool.FAILING_USER, "Whatever-1");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.header("Location")).isNull();
        assertThat(response.detailedCookie("__Host-cognate-session")).isNull();
        assertThat(response.body().asString())
                .contains("The sign-in service is temporarily unavailable. Please try again in a moment.")
                .doesNotContain("database is down")
                .doesNotContain("Whatever-1");
    }

    @Test
    void goesStraightBackToTheAppFromADirectLoginLinkWithALiveSession() {
        var browser = new HostedUiBrowser();
        browser.signIn(query(FakeUserPool.KNOWN_CLIENT), FakeUserPool.USER, FakeUserPool.PASSWORD);

        Response response = browser.get("/login", query(FakeUserPool.SECOND_CLIENT));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(grantOf(response.header("Location")).clientId()).isEqualTo(FakeUserPool.SECOND_CLIENT);
    }
}
