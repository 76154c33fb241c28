package dev.cognate.hostedui.web;

import dev.cognate.hostedui.support.FakeUserPool;
import dev.cognate.hostedui.support.HostedUiBrowser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(FakeUserPool.class)
class AuthorizeEndpointTest {

    private static final String ISSUER = "http://localhost:8081/" + FakeUserPool.POOL_ID;

    private static Response authorize(String clientId, String redirectUri) {
        var request = given().redirects().follow(false).queryParam("response_type", "code").queryParam("state", "s1");
        if (clientId != null) {
            request.queryParam("client_id", clientId);
        }
        if (redirectUri != null) {
            request.queryParam("redirect_uri", redirectUri);
        }
        return request.when().get("/oauth2/authorize");
    }

    /** A valid request of the public client, changed by {@code change}. */
    private static Response authorize(Consumer<Map<String, String>> change) {
        Map<String, String> query = new LinkedHashMap<>(HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT));
        change.accept(query);
        query.values().removeIf(value -> value == null);
        return given().redirects().follow(false).queryParams(query).when().get("/oauth2/authorize");
    }

    private static void assertErrorRedirect(Response response, String error) {
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(302);
        String location = response.header("Location");
        assertThat(location).startsWith(FakeUserPool.CALLBACK_URL + "?");
        Map<String, String> query = HostedUiBrowser.queryOf(location);
        assertThat(query).containsEntry("error", error).containsEntry("state", "st-123").containsEntry("iss", ISSUER)
                .containsKey("error_description").doesNotContainKey("code");
    }

    @Test
    void showsTheErrorPageAndDoesNotRedirectForAnUnknownClient() {
        Response response = authorize("unknownclient", FakeUserPool.CALLBACK_URL);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.header("Location")).isNull();
        assertThat(response.body().asString())
                .contains("An error was encountered with the requested page.")
                .contains("There is no app client with the client_id &quot;unknownclient&quot;.");
    }

    @Test
    void rejectsAMissingClientId() {
        Response response = authorize(null, FakeUserPool.CALLBACK_URL);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body().asString()).contains("The request has no client_id parameter.");
    }

    @Test
    void doesNotRedirectToAnUnregisteredRedirectUri() {
        for (String redirectUri : new String[] {"https://evil.example.net/callback", FakeUserPool.CALLBACK_URL + "/",
                FakeUserPool.CALLBACK_URL + "?x=1", FakeUserPool.CALLBACK_URL.toUpperCase(),
                "https://app.example.com.evil.net/callback", "https://app.example.com/callback#x"}) {
            Response response = authorize(FakeUserPool.KNOWN_CLIENT, redirectUri);

            assertThat(response.statusCode()).as(redirectUri).isEqualTo(400);
            assertThat(response.header("Location")).as(redirectUri).isNull();
            assertThat(response.body().asString()).as(redirectUri)
                    .contains("The redirect_uri is not one of the app client&#39;s callback URLs.");
        }
    }

    @Test
    void rejectsAMissingRedirectUriOnTheErrorPageEvenWhenEverythingElseIsWrong() {
        Response response = authorize(query -> {
            query.remove("redirect_uri");
            query.put("response_type", "token");
        });
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.header("Location")).isNull();
        assertThat(response.body().asString()).contains("The request has no redirect_uri parameter.");
    }

    @Test
    void sendsAValidRequestToTheSignInPageWithTheRequestInTheQuery() {
        Response response = authorize(query -> query.put("login_hint", "alice@example.com"));

        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.header("Location");
        assertThat(location).startsWith("/login?");
        assertThat(HostedUiBrowser.queryOf(location))
                .containsEntry("client_id", FakeUserPool.KNOWN_CLIENT)
                .containsEntry("response_type", "code")
                .containsEntry("redirect_uri", FakeUserPool.CALLBACK_URL)
                .containsEntry("state", "st-123")
                .containsEntry("scope", "openid email")
                .containsEntry("nonce", "n-456")
                .containsEntry("code_challenge", HostedUiBrowser.CODE_CHALLENGE)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("login_hint", "alice@example.com");
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void acceptsTheRequestAsAFormPost() {
        Response response = given().redirects().follow(false)
                .formParams(HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT))
                .when().post("/oauth2/authorize");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).startsWith("/login?client_id=" + FakeUserPool.KNOWN_CLIENT);
    }

    @Test
    void sendsNoCorsHeadersEvenToACrossOriginRequest() {
        Response response = given().redirects().follow(false).header("Origin", "https://evil.example.net")
                .queryParams(HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT))
                .when().options("/oauth2/authorize");
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
        assertThat(response.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void redirectsUnsupportedResponseTypeForHybridAndIdTokenResponseTypes() {
        assertErrorRedirect(authorize(query -> query.put("response_type", "id_token")), "unsupported_response_type");
        assertErrorRedirect(authorize(query -> query.put("response_type", "code id_token")), "unsupported_response_type");
        assertErrorRedirect(authorize(query -> query.put("response_type", "token id_token")), "unsupported_response_type");
        assertErrorRedirect(authorize(query -> query.remove("response_type")), "invalid_request");
    }

    @Test
    void requiresPkceForAPublicClient() {
        assertErrorRedirect(authorize(query -> {
            query.remove("code_challenge");
            query.remove("code_challenge_method");
        }), "invalid_request");
    }

    @Test
    void acceptsOnlyTheS256ChallengeMethod() {
        assertErrorRedirect(authorize(query -> query.put("code_challenge_method", "plain")), "invalid_request");
        assertErrorRedirect(authorize(query -> query.remove("code_challenge_method")), "invalid_request");
        assertErrorRedirect(authorize(query -> query.put("code_challenge", "short")), "invalid_request");
    }

    @Test
    void letsAConfidentialClientOmitPkce() {
        Response response = authorize(query -> {
            query.put("client_id", FakeUserPool.CONFIDENTIAL_CLIENT);
            query.remove("code_challenge");
            query.remove("code_challenge_method");
        });
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).startsWith("/login?");
    }

    @Test
    void rejectsAScopeTheClientIsNotAllowed() {
        assertErrorRedirect(authorize(query -> query.put("scope", "openid phone")), "invalid_scope");
        assertErrorRedirect(authorize(query -> query.put("scope", "orders/write")), "invalid_scope");
    }

    @Test
    void refusesAClientWithoutTheCodeFlow() {
        assertErrorRedirect(authorize(query -> query.put("client_id", FakeUserPool.IMPLICIT_CLIENT)),
                "unauthorized_client");
    }

    @Test
    void refusesOtherIdentityProvidersAndUnknownPrompts() {
        assertErrorRedirect(authorize(query -> query.put("identity_provider", "Google")), "invalid_request");
        assertErrorRedirect(authorize(query -> query.put("idp_identifier", "example.com")), "invalid_request");
        assertErrorRedirect(authorize(query -> query.put("prompt", "consent")), "invalid_request");
        assertErrorRedirect(authorize(query -> query.put("max_age", "-1")), "invalid_request");
        assertThat(authorize(query -> query.put("identity_provider", "COGNITO")).statusCode()).isEqualTo(302);
    }

    @Test
    void answersLoginRequiredToPromptNoneWithoutASession() {
        assertErrorRedirect(authorize(query -> query.put("prompt", "none")), "login_required");
    }

    @Test
    void keepsTheRedirectUrisOwnQueryWhenRedirectingWithAnError() {
        Response response = authorize(query -> {
            query.put("redirect_uri", "https://app.example.com/other?x=1");
            query.put("response_type", "code id_token");
        });
        assertThat(response.header("Location"))
                .startsWith("https://app.example.com/other?x=1&error=unsupported_response_type&");
    }

    @Test
    void escapesAStateThatCarriesMarkupInTheRedirect() {
        Response response = authorize(query -> {
            query.put("state", "\"><script>alert(1)</script>&x=1");
            query.put("prompt", "none");
        });
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.header("Location");
        assertThat(location).doesNotContain("<script>").doesNotContain("&x=1");
        assertThat(HostedUiBrowser.queryOf(location)).containsEntry("state", "\"><script>alert(1)</script>&x=1");
    }
}
