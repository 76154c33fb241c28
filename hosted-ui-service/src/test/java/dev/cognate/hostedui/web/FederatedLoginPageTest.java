package dev.cognate.hostedui.web;

import dev.cognate.hostedui.support.FakeUserPool;
import dev.cognate.hostedui.support.HostedUiBrowser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in page of clients with identity providers: a button per provider (Cognito's labels, English and German),
 * the corporate ID form that routes by email domain or identifier, and a client without COGNITO (buttons only, the
 * password refused).
 */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
class FederatedLoginPageTest {

    private static String authorizeUrl(String clientId, String provider) {
        return "/oauth2/authorize?" + HostedUiBrowser.authorizeQuery(clientId).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + java.net.URLEncoder.encode(entry.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b).orElseThrow() + "&identity_provider=" + provider;
    }

    private static String html(String url) {
        return url.replace("&", "&amp;");
    }

    @Test
    void showsAButtonPerProviderWithCognitosLabelsThatGoesThroughAuthorize() {
        Response page = new HostedUiBrowser().get("/login", HostedUiBrowser.authorizeQuery(FakeUserPool.FEDERATED_CLIENT));

        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body().asString();
        assertThat(body)
                .contains("<nav class=\"providers\" aria-label=\"Sign in with an identity provider\">")
                .contains("<a class=\"provider idpButton-customizable\" href=\"" + html(authorizeUrl(FakeUserPool.FEDERATED_CLIENT, "Corp")) + "\">Corp</a>")
                .contains("href=\"" + html(authorizeUrl(FakeUserPool.FEDERATED_CLIENT, "Google")) + "\">Continue with Google</a>")
                .contains("href=\"" + html(authorizeUrl(FakeUserPool.FEDERATED_CLIENT, "Okta")) + "\">Okta</a>")
                // the corporate ID form, since some provider has identifiers, and the user pool's own form
                .contains("<label for=\"corporate_id\" class=\"label-customizable\">Sign in with your corporate email address or ID</label>")
                .contains("name=\"corporate_id\"")
                .contains("<label for=\"password\"");
        // providers come first in the page (and so in the focus order)
        assertThat(body.indexOf("Continue with Google")).isLessThan(body.indexOf("id=\"password\""));

        Response german = new HostedUiBrowser().get("/login", Map.of("client_id", FakeUserPool.FEDERATED_CLIENT,
                "response_type", "code", "redirect_uri", FakeUserPool.CALLBACK_URL, "code_challenge", HostedUiBrowser.CODE_CHALLENGE,
                "code_challenge_method", "S256", "lang", "de"));
        assertThat(german.body().asString()).contains(">Weiter mit Google</a>")
                .contains("Mit Ihrer geschäftlichen E-Mail-Adresse oder Kennung anmelden");
    }

    @Test
    void aClientWithoutCognitoShowsOnlyItsProvidersAndRefusesAPassword() {
        var browser = new HostedUiBrowser();
        Map<String, String> query = HostedUiBrowser.authorizeQuery(FakeUserPool.PROVIDERS_ONLY_CLIENT);
        // without identity_provider the request goes to the sign-in page, as Cognito
        assertThat(browser.get("/oauth2/authorize", query).header("Location")).startsWith("/login?");
        Response page = browser.get("/login", query);

        String body = page.body().asString();
        assertThat(body).contains(">Continue with Google</a>").contains(">Okta</a>").contains("name=\"corporate_id\"")
                .doesNotContain("id=\"password\"").doesNotContain("/signup?");

        String action = "/login?" + page.body().asString().replaceAll("(?s).*<form class=\"corporate\" method=\"post\" action=\"/login\\?([^\"]+)\".*", "$1")
                .replace("&amp;", "&");
        Response password = browser.post(action, Map.of("username", FakeUserPool.USER, "password", FakeUserPool.PASSWORD));
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(password.body().asString()).contains("This app does not offer sign-in with a username and password.");
        assertThat(browser.cookies()).doesNotContainKey("__Host-cognate-session");

        for (String accountPage : new String[] {"/signup", "/forgotPassword"}) {
            Response refused = browser.get(accountPage, query);
            assertThat(refused.statusCode()).as(accountPage).isEqualTo(400);
            assertThat(refused.body().asString()).as(accountPage)
                    .contains("This app does not offer sign-in with a username and password.");
        }
    }

    @Test
    void theCorporateIdFormRoutesByEmailDomainOrIdentifier() {
        var browser = new HostedUiBrowser();
        Map<String, String> query = HostedUiBrowser.authorizeQuery(FakeUserPool.FEDERATED_CLIENT);
        browser.get("/login", query);
        String action = "/login?" + AuthorizationRequestQuery.of(query);

        Response byDomain = browser.post(action, Map.of("corporate_id", " Ada.Lovelace@Example.COM "));
        assertThat(byDomain.statusCode()).isEqualTo(303);
        assertThat(byDomain.header("Location")).isEqualTo(authorizeUrl(FakeUserPool.FEDERATED_CLIENT, "Corp"));

        Response byIdentifier = browser.post(action, Map.of("corporate_id", "okta.example.org"));
        assertThat(byIdentifier.header("Location")).isEqualTo(authorizeUrl(FakeUserPool.FEDERATED_CLIENT, "Okta"));

        Response unknown = browser.post(action, Map.of("corporate_id", "bob@elsewhere.example"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body().asString()).contains("No sign-in option of this app matches that email address or ID.")
                .contains("value=\"bob@elsewhere.example\"").contains("aria-describedby=\"corporate-error\"");

        Response empty = browser.post(action, Map.of("corporate_id", "  "));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body().asString()).contains("Enter your corporate email address or ID.");

        Response withoutCsrf = new HostedUiBrowser().request().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded")
                .body("corporate_id=a%40example.com").post(action);
        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
    }

    @Test
    void aClientWithoutProvidersShowsNoProviderButtons() {
        String body = new HostedUiBrowser().get("/login", HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT)).body().asString();
        assertThat(body).doesNotContain("class=\"providers\"").doesNotContain("corporate_id").contains("id=\"password\"");
    }

    /** The query of the sign-in form's action, as the page writes it. */
    private static final class AuthorizationRequestQuery {
        static String of(Map<String, String> query) {
            Map<String, String> ordered = new LinkedHashMap<>();
            for (String name : new String[] {"client_id", "response_type", "redirect_uri", "state", "scope", "nonce",
                    "code_challenge", "code_challenge_method"}) {
                if (query.containsKey(name)) {
                    ordered.put(name, query.get(name));
                }
            }
            return dev.cognate.hostedui.oauth.AuthorizationRequest.query(ordered);
        }
    }
}
