package dev.cognate.hostedui.web;

import dev.cognate.events.oauth.AuthorizationCode;
import dev.cognate.hostedui.support.FakeUserPool;
import dev.cognate.hostedui.support.HostedUiBrowser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The implicit flow ({@code response_type=token}) for a client that allows it: after the sign-in (form or session) the
 * grant is written to the real Redis, redeemed through FakeUserPool's {@code implicit-tokens} (which takes it with
 * GETDEL, as user-pool-service does), and the tokens go back in the redirect URI's fragment — errors too.
 */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
class ImplicitFlowTest {

    private static final String ISSUER = "http://localhost:8081/" + FakeUserPool.POOL_ID;

    private static Map<String, String> implicitQuery(Consumer<Map<String, String>> change) {
        Map<String, String> query = HostedUiBrowser.implicitQuery(FakeUserPool.IMPLICIT_CLIENT);
        change.accept(query);
        query.values().removeIf(value -> value == null);
        return query;
    }

    private static Response authorize(Map<String, String> query) {
        return given().redirects().follow(false).queryParams(query).when().get("/oauth2/authorize");
    }

    /** A redirect to the callback whose whole response is in the fragment: no query, no code. */
    private static Map<String, String> fragmentResponse(Response response, int status) {
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(status);
        String location = response.header("Location");
        assertThat(location).startsWith(FakeUserPool.CALLBACK_URL + "#");
        assertThat(URI.create(location).getRawQuery()).as("nothing in the query").isNull();
        return HostedUiBrowser.fragmentOf(location);
    }

    private static void assertFragmentError(Response response, String error) {
        assertThat(fragmentResponse(response, 302)).containsEntry("error", error).containsEntry("state", "st-123")
                .containsEntry("iss", ISSUER).containsKey("error_description").doesNotContainKey("access_token");
    }

    @Test
    void signsInAndRedirectsWithTheTokensInTheFragment() {
        var browser = new HostedUiBrowser();
        Response form = browser.get("/login", implicitQuery(query -> { }));
        assertThat(HostedUiBrowser.loginAction(form)).as("the request travels on with its response type")
                .contains("response_type=token").doesNotContain("code_challenge");

        Response response = browser.post(HostedUiBrowser.loginAction(form),
                Map.of("username", FakeUserPool.USER, "password", FakeUserPool.PASSWORD));

        Map<String, String> fragment = fragmentResponse(response, 303);
        assertThat(fragment).containsOnlyKeys("access_token", "id_token", "token_type", "expires_in", "state", "iss")
                .containsEntry("token_type", "Bearer").containsEntry("expires_in", "3600")
                .containsEntry("state", "st-123").containsEntry("iss", ISSUER);
        AuthorizationCode grant = FakeUserPool.grantOfToken(fragment.get("access_token"));
        assertThat(grant.clientId()).isEqualTo(FakeUserPool.IMPLICIT_CLIENT);
        assertThat(grant.userPoolId()).isEqualTo(FakeUserPool.POOL_ID);
        assertThat(grant.sub()).isEqualTo(FakeUserPool.USER_SUB);
        assertThat(grant.username()).isEqualTo(FakeUserPool.USER);
        assertThat(grant.scopes()).containsExactly("openid", "email");
        assertThat(grant.nonce()).isEqualTo("n-456");
        assertThat(grant.redirectUri()).isEqualTo(FakeUserPool.CALLBACK_URL);
        assertThat(grant.codeChallenge()).isNull();
        assertThat(grant.sessionId()).matches("[0-9a-f]{64}");
        assertThat(FakeUserPool.grantOfToken(fragment.get("id_token"))).isEqualTo(grant);
        assertThat(browser.cookies()).containsKey("__Host-cognate-session");
    }

    @Test
    void withoutOpenidThereIsNoIdTokenAndNoNonceIsNeeded() {
        Response response = new HostedUiBrowser().signIn(implicitQuery(query -> {
            query.put("scope", "email orders/read");
            query.remove("nonce");
        }), FakeUserPool.USER, FakeUserPool.PASSWORD);

        Map<String, String> fragment = fragmentResponse(response, 303);
        assertThat(fragment).containsKey("access_token").doesNotContainKey("id_token");
        assertThat(FakeUserPool.grantOfToken(fragment.get("access_token")).scopes()).containsExactly("email", "orders/read");
    }

    @Test
    void aLiveSessionAnswersTokensAtOnceAndCodesToCodeClients() {
        var browser = new HostedUiBrowser();
        browser.signIn(implicitQuery(query -> { }), FakeUserPool.USER, FakeUserPool.PASSWORD);

        Response again = browser.get("/oauth2/authorize", implicitQuery(query -> query.put("prompt", "none")));
        Map<String, String> fragment = fragmentResponse(again, 302);
        assertThat(fragment).containsKeys("access_token", "id_token").containsEntry("state", "st-123");
        assertThat(FakeUserPool.grantOfToken(fragment.get("access_token")).sub()).isEqualTo(FakeUserPool.USER_SUB);

        // the same session gives a code-flow client of the pool a code, in the query as ever
        Response code = browser.get("/oauth2/authorize", HostedUiBrowser.authorizeQuery(FakeUserPool.SECOND_CLIENT));
        assertThat(code.statusCode()).isEqualTo(302);
        assertThat(code.header("Location")).startsWith(FakeUserPool.CALLBACK_URL + "?code=");
    }

    @Test
    void ignoresPkceParameters() {
        var browser = new HostedUiBrowser();
        Response response = browser.signIn(implicitQuery(query -> {
            query.put("code_challenge", "short");
            query.put("code_challenge_method", "plain");
        }), FakeUserPool.USER, FakeUserPool.PASSWORD);

        // the fake refuses a grant with a challenge: tokens prove the challenge was not written
        assertThat(fragmentResponse(response, 303)).containsKey("access_token");
    }

    @Test
    void aClientWithoutTheImplicitFlowGetsUnauthorizedClientInTheFragment() {
        assertFragmentError(authorize(HostedUiBrowser.implicitQuery(FakeUserPool.KNOWN_CLIENT)), "unauthorized_client");
    }

    @Test
    void requiresANonceWhenOpenidIsGranted() {
        assertFragmentError(authorize(implicitQuery(query -> query.remove("nonce"))), "invalid_request");
        // no scope requested: every allowed scope is granted, openid included
        assertFragmentError(authorize(implicitQuery(query -> {
            query.remove("nonce");
            query.remove("scope");
        })), "invalid_request");
        assertThat(authorize(implicitQuery(query -> { })).header("Location")).startsWith("/login?");
    }

    @Test
    void errorsOfAnImplicitRequestGoInTheFragment() {
        assertFragmentError(authorize(implicitQuery(query -> query.put("prompt", "none"))), "login_required");
        assertFragmentError(authorize(implicitQuery(query -> query.put("scope", "openid phone"))), "invalid_scope");
        assertFragmentError(authorize(implicitQuery(query -> query.put("max_age", "soon"))), "invalid_request");

        Response ownQuery = authorize(implicitQuery(query -> {
            query.put("redirect_uri", "https://app.example.com/other?x=1");
            query.put("prompt", "none");
        }));
        assertThat(ownQuery.header("Location")).startsWith("https://app.example.com/other?x=1#error=login_required&");
    }

    @Test
    void aRefusalOfTheTokensAfterTheSignInGoesBackAsAccessDenied() {
        Response response = new HostedUiBrowser().signIn(implicitQuery(query -> { }),
                FakeUserPool.DISABLED_LATER_USER, FakeUserPool.PASSWORD);

        assertThat(fragmentResponse(response, 303)).containsEntry("error", "access_denied")
                .containsEntry("error_description", "The user of the authorization code cannot sign in.")
                .containsEntry("state", "st-123").containsEntry("iss", ISSUER).doesNotContainKey("access_token");
    }
}
