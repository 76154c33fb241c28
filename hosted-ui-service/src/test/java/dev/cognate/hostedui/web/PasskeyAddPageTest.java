package dev.cognate.hostedui.web;

import dev.cognate.hostedui.support.FakeUserPool;
import dev.cognate.hostedui.support.HostedUiBrowser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /passkeys/add} (user-pool-service stood in for by {@link FakeUserPool}, real Redis): only for a browser signed
 * in to the client's pool (else the sign-in page), {@code client_id} and {@code redirect_uri} checked as on the other
 * pages (never an open redirect), the creation options handed to the page's script, the credential posted with the
 * CSRF token and stored for the session's user, then back to the app — refusals shown on the page with new options.
 */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
class PasskeyAddPageTest {

    private static final String NEW_PASSKEY = "{\"id\":\"new-passkey\",\"type\":\"public-key\",\"response\":{}}";

    private static String page(String clientId, String redirectUri) {
        return "/passkeys/add?client_id=" + clientId + (redirectUri == null ? "" : "&redirect_uri=" + redirectUri);
    }

    private static HostedUiBrowser signedIn(String clientId, String username) {
        var browser = new HostedUiBrowser();
        Response done = browser.signIn(HostedUiBrowser.authorizeQuery(clientId), username, FakeUserPool.PASSWORD);
        assertThat(done.statusCode()).as(done.body().asString()).isEqualTo(303);
        assertThat(browser.cookies()).containsKey("__Host-cognate-session");
        return browser;
    }

    @Test
    void withoutASessionOfThePoolTheBrowserSignsInFirst() {
        Response anonymous = new HostedUiBrowser().get(page(FakeUserPool.KNOWN_CLIENT, FakeUserPool.CALLBACK_URL));
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.header("Location")).isEqualTo("/login?client_id=" + FakeUserPool.KNOWN_CLIENT
                + "&response_type=code&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback");

        var otherPool = signedIn(FakeUserPool.OTHER_POOL_CLIENT, FakeUserPool.USER);
        Response elsewhere = otherPool.get(page(FakeUserPool.KNOWN_CLIENT, null));
        assertThat(elsewhere.statusCode()).as("a session of another pool does not count").isEqualTo(303);
        assertThat(elsewhere.header("Location")).startsWith("/login?client_id=" + FakeUserPool.KNOWN_CLIENT);
    }

    @Test
    void checksTheClientAndTheRedirectUriLikeEveryPage() {
        var browser = signedIn(FakeUserPool.KNOWN_CLIENT, FakeUserPool.USER);
        Response foreign = browser.get(page(FakeUserPool.KNOWN_CLIENT, "https://evil.example.net/"));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.header("Location")).isNull();
        assertThat(browser.get("/passkeys/add").statusCode()).isEqualTo(400);
        assertThat(browser.get(page("nosuchclient", null)).statusCode()).isEqualTo(400);
        assertThat(browser.get(page(FakeUserPool.KNOWN_CLIENT, FakeUserPool.CALLBACK_URL) + "&redirect_uri=" + FakeUserPool.CALLBACK_URL)
                .statusCode()).isEqualTo(400);
    }

    @Test
    void createsAPasskeyForTheSessionsUserAndGoesBackToTheApp() {
        var browser = signedIn(FakeUserPool.KNOWN_CLIENT, FakeUserPool.USER);
        Response shown = browser.get(page(FakeUserPool.KNOWN_CLIENT, FakeUserPool.CALLBACK_URL));

        assertThat(shown.statusCode()).as(shown.body().asString()).isEqualTo(200);
        String html = shown.body().asString();
        assertThat(html).contains("<h1>Create a passkey</h1>")
                .contains("data-options=\"" + FakeUserPool.CREATION_OPTIONS.replace("\"", "&quot;") + "\"")
                .contains(">Create a passkey</button>").contains("<script src=\"/static/passkey.js\" defer></script>");
        assertThat(html.replace("<script src=\"/static/passkey.js\" defer></script>", "")).as("no inline script").doesNotContain("<script");
        assertThat(FakeUserPool.lastRequest("start-passkey-registration").path("sub").asText()).isEqualTo(FakeUserPool.USER_SUB);

        Response added = browser.post(HostedUiBrowser.loginAction(shown), Map.of("credential", NEW_PASSKEY));

        assertThat(added.statusCode()).as(added.body().asString()).isEqualTo(303);
        assertThat(added.header("Location")).isEqualTo(FakeUserPool.CALLBACK_URL);
        var completed = FakeUserPool.lastRequest("complete-passkey-registration");
        assertThat(completed.path("sub").asText()).isEqualTo(FakeUserPool.USER_SUB);
        assertThat(completed.path("credential").asText()).isEqualTo(NEW_PASSKEY);
    }

    @Test
    void withoutARedirectUriSaysThePasskeyWasAdded() {
        var browser = signedIn(FakeUserPool.KNOWN_CLIENT, FakeUserPool.USER);
        Response shown = browser.get(page(FakeUserPool.KNOWN_CLIENT, null));

        Response added = browser.post(HostedUiBrowser.loginAction(shown), Map.of("credential", NEW_PASSKEY));

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body().asString()).contains("<h1>Passkey added</h1>").contains("Your passkey was added.");
    }

    @Test
    void showsRefusalsOnThePageWithNewOptions() {
        var browser = signedIn(FakeUserPool.KNOWN_CLIENT, FakeUserPool.USER);
        Response shown = browser.get(page(FakeUserPool.KNOWN_CLIENT, FakeUserPool.CALLBACK_URL));
        String action = HostedUiBrowser.loginAction(shown);

        Response cancelled = browser.post(action, Map.of("credential", ""));
        assertThat(cancelled.statusCode()).isEqualTo(400);
        assertThat(cancelled.body().asString()).contains("role=\"alert\">No passkey was created. Try again when you are ready.</p>")
                .contains("data-options=");

        Response duplicate = browser.post(action, Map.of("credential", FakeUserPool.DUPLICATE_PASSKEY));
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(duplicate.body().asString()).contains("This passkey is already registered for your account.").contains("data-options=");

        Response foreign = browser.post(action, Map.of("credential", FakeUserPool.FOREIGN_PASSKEY));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body().asString()).contains("This passkey was made for another website and cannot be used here.");

        Response malformed = browser.post(action, Map.of("credential", "not json"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body().asString()).contains("The passkey could not be checked. Try again.");
    }

    @Test
    void refusesAPostWithoutTheCsrfToken() {
        var browser = signedIn(FakeUserPool.KNOWN_CLIENT, FakeUserPool.USER);
        Response shown = browser.get(page(FakeUserPool.KNOWN_CLIENT, FakeUserPool.CALLBACK_URL));

        Response forged = browser.post(HostedUiBrowser.loginAction(shown), Map.of("_csrf", "forged", "credential", NEW_PASSKEY));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.header("Location")).isNull();
    }

    @Test
    void atTheLimitSaysSoInGermanWithoutAButton() {
        var browser = signedIn(FakeUserPool.KNOWN_CLIENT, FakeUserPool.DISABLED_LATER_USER);

        Response shown = browser.get(page(FakeUserPool.KNOWN_CLIENT, FakeUserPool.CALLBACK_URL) + "&lang=de");

        assertThat(shown.statusCode()).isEqualTo(400);
        assertThat(shown.body().asString()).contains("<html lang=\"de\">").contains("<h1>Passkey erstellen</h1>")
                .contains("Sie haben bereits so viele Passkeys, wie ein Konto haben kann.")
                .doesNotContain("<form").doesNotContain("data-options");
    }
}
