package dev.cognate.hostedui.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.events.oauth.AuthorizationCode;
import dev.cognate.hostedui.support.FakeFederation;
import dev.cognate.hostedui.support.FakeUserPool;
import dev.cognate.hostedui.support.HostedUiBrowser;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Federated sign-in through the hosted login, with {@link FakeUserPool} playing user-pool-service's protocol engines
 * ({@link FakeFederation}) and the real Redis: {@code /oauth2/authorize} with {@code identity_provider} /
 * {@code idp_identifier}, the attempt cookie, {@code /oauth2/idpresponse} (GET and Apple's form post),
 * {@code /saml2/idpresponse} (SP- and IdP-initiated), refusals (back to the validated redirect URI, or the error page),
 * single use, and the sign-out at a SAML provider through {@code /saml2/logout}.
 */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
class FederatedSignInTest {

    private static final String ISSUER = "http://localhost:8081/" + FakeUserPool.POOL_ID;
    private static final String ATTEMPT_COOKIE = "__Host-cognate-federation";
    private static final String SESSION_COOKIE = "__Host-cognate-session";

    @Inject
    RedisDataSource redis;

    private static Map<String, String> query(String clientId, String name, String value) {
        Map<String, String> query = new LinkedHashMap<>(HostedUiBrowser.authorizeQuery(clientId));
        query.put(name, value);
        return query;
    }

    /** {@code /oauth2/authorize} naming {@code provider}: the browser is at the provider, its attempt cookie set. */
    private static Response startAt(HostedUiBrowser browser, String clientId, String provider) {
        Response response = browser.get("/oauth2/authorize", query(clientId, "identity_provider", provider));
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(302);
        assertThat(browser.cookies()).containsKey(ATTEMPT_COOKIE);
        return response;
    }

    private static String stateAtProvider(Response atProvider) {
        return HostedUiBrowser.queryOf(atProvider.header("Location")).get("state");
    }

    private AuthorizationCode grantOf(String location) {
        String code = HostedUiBrowser.queryOf(location).get("code");
        assertThat(code).as(location).isNotBlank();
        String json = redis.value(String.class).get(AuthorizationCode.redisKey(code));
        assertThat(json).as("the grant of the code in Redis").isNotNull();
        return AuthorizationCode.fromJson(json);
    }

    private static void assertErrorRedirect(Response response, String error, String descriptionContains) {
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(302);
        String location = response.header("Location");
        assertThat(location).startsWith(FakeUserPool.CALLBACK_URL + "?");
        assertThat(HostedUiBrowser.queryOf(location)).containsEntry("error", error).containsEntry("state", "st-123")
                .containsEntry("iss", ISSUER).doesNotContainKey("code");
        assertThat(HostedUiBrowser.queryOf(location).get("error_description")).contains(descriptionContains);
    }

    private static void assertErrorPage(Response response, String reason) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.header("Location")).isNull();
        assertThat(response.body().asString()).contains("An error was encountered with the requested page.").contains(reason);
    }

    /** A browser signed in through the SAML provider Okta (SP-initiated), at the client's callback. */
    private HostedUiBrowser signedInThroughSaml() {
        var browser = new HostedUiBrowser();
        startAt(browser, FakeUserPool.FEDERATED_CLIENT, "Okta");
        Response response = browser.request().contentType("application/x-www-form-urlencoded")
                .formParam("SAMLResponse", "sp:" + browser.cookies().get(ATTEMPT_COOKIE)).formParam("RelayState", "opaque")
                .post("/saml2/idpresponse");
        remember(browser, response);
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(303);
        return browser;
    }

    private static void remember(HostedUiBrowser browser, Response response) {
        response.detailedCookies().forEach(cookie -> {
            if (cookie.getMaxAge() == 0) {
                browser.cookies().remove(cookie.getName());
            } else {
                browser.cookies().put(cookie.getName(), cookie.getValue());
            }
        });
    }

    @Test
    void identityProviderSendsTheBrowserStraightToTheProviderWithACrossSiteAttemptCookie() {
        var browser = new HostedUiBrowser();
        Response response = startAt(browser, FakeUserPool.FEDERATED_CLIENT, "Corp");

        String federationId = browser.cookies().get(ATTEMPT_COOKIE);
        assertThat(federationId).matches("[A-Za-z0-9_-]{43}");
        String base = "http://localhost:" + RestAssured.port;
        assertThat(response.header("Location")).isEqualTo(FakeFederation.OIDC_AUTHORIZE + "?state="
                + URLEncoder.encode(FakeFederation.stateOf(federationId), StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(base + "/oauth2/idpresponse", StandardCharsets.UTF_8));
        Cookie cookie = response.detailedCookie(ATTEMPT_COOKIE);
        assertThat(cookie.isSecured()).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualToIgnoringCase("None");
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.hasDomain()).isFalse();
        assertThat(cookie.getMaxAge()).isEqualTo(600);

        JsonNode start = FakeUserPool.lastRequest("federation/start");
        assertThat(start.path("providerName").asText()).isEqualTo("Corp");
        assertThat(start.path("federationId").asText()).isEqualTo(federationId);
        assertThat(start.path("hostedUiBaseUrl").asText()).isEqualTo(base);
        assertThat(start.path("ipAddress").asText()).isEqualTo("127.0.0.1");
        // the request is kept under the SHA-256 of the attempt id, never the id itself
        assertThat(redis.key().exists("cognate:federation:" + federationId)).isFalse();
    }

    @Test
    void idpIdentifierPicksTheProviderWithThatIdentifierWhateverItsCase() {
        var browser = new HostedUiBrowser();
        Response response = browser.get("/oauth2/authorize", query(FakeUserPool.FEDERATED_CLIENT, "idp_identifier", "EXAMPLE.com"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).startsWith(FakeFederation.OIDC_AUTHORIZE + "?");
        assertThat(FakeUserPool.lastRequest("federation/start").path("providerName").asText()).isEqualTo("Corp");

        Response saml = new HostedUiBrowser().get("/oauth2/authorize", query(FakeUserPool.FEDERATED_CLIENT, "idp_identifier", "okta.example.org"));
        assertThat(saml.header("Location")).startsWith(FakeFederation.SAML_SSO + "?SAMLRequest=req-");
    }

    @Test
    void refusesProvidersAndIdentifiersTheClientDoesNotHaveAndStartsNothing() {
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("the client does not support the identity provider Unknown", query(FakeUserPool.FEDERATED_CLIENT, "identity_provider", "Unknown"));
        cases.put("the client does not support the identity provider corp", query(FakeUserPool.FEDERATED_CLIENT, "identity_provider", "corp"));
        cases.put("no identity provider of the client has the identifier other.example", query(FakeUserPool.FEDERATED_CLIENT, "idp_identifier", "other.example"));
        cases.put("the client does not support the identity provider COGNITO", query(FakeUserPool.PROVIDERS_ONLY_CLIENT, "identity_provider", "COGNITO"));
        Map<String, String> both = query(FakeUserPool.FEDERATED_CLIENT, "identity_provider", "Google");
        both.put("idp_identifier", "example.com");
        cases.put("identity_provider and idp_identifier name different providers", both);
        Map<String, String> duplicated = query(FakeUserPool.FEDERATED_CLIENT, "identity_provider", "Corp");
        cases.forEach((description, parameters) -> {
            var browser = new HostedUiBrowser();
            Response response = browser.get("/oauth2/authorize", parameters);
            assertErrorRedirect(response, "invalid_request", description);
            assertThat(browser.cookies()).as(description).doesNotContainKey(ATTEMPT_COOKIE);
        });
        Response twice = given().redirects().follow(false).queryParams(duplicated).queryParam("identity_provider", "Google")
                .get("/oauth2/authorize");
        assertErrorRedirect(twice, "invalid_request", "duplicate parameter identity_provider");
    }

    @Test
    void neverStartsAFederatedSignInForAnUnregisteredRedirectUri() {
        Map<String, String> query = query(FakeUserPool.FEDERATED_CLIENT, "identity_provider", "Corp");
        query.put("redirect_uri", "https://evil.example.net/callback");
        var browser = new HostedUiBrowser();
        assertErrorPage(browser.get("/oauth2/authorize", query), "The redirect_uri is not one of the app client&#39;s callback URLs.");
        assertThat(browser.cookies()).doesNotContainKey(ATTEMPT_COOKIE);
    }

    @Test
    void aProviderUserPoolServiceCannotStartSendsTheBrowserBackWithTheError() {
        var browser = new HostedUiBrowser();
        Response response = browser.get("/oauth2/authorize", query(FakeUserPool.FEDERATED_CLIENT, "identity_provider", FakeFederation.BROKEN_PROVIDER));
        assertErrorRedirect(response, "invalid_request", "its authorize_url is missing");
        assertThat(browser.cookies()).doesNotContainKey(ATTEMPT_COOKIE);
    }

    @Test
    void promptNoneCannotGoToAProvider() {
        Map<String, String> query = query(FakeUserPool.FEDERATED_CLIENT, "identity_provider", "Corp");
        query.put("prompt", "none");
        assertErrorRedirect(new HostedUiBrowser().get("/oauth2/authorize", query), "login_required", "identity provider");
    }

    @Test
    void theProvidersAnswerCompletesTheAuthorizationRequestWithACodeAndASession() {
        var browser = new HostedUiBrowser();
        String state = stateAtProvider(startAt(browser, FakeUserPool.FEDERATED_CLIENT, "Corp"));
        String federationId = browser.cookies().get(ATTEMPT_COOKIE);

        Response response = browser.get("/oauth2/idpresponse", Map.of("code", FakeFederation.GOOD_CODE, "state", state));

        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(303);
        String location = response.header("Location");
        assertThat(location).startsWith(FakeUserPool.CALLBACK_URL + "?code=");
        assertThat(HostedUiBrowser.queryOf(location)).containsEntry("state", "st-123").containsEntry("iss", ISSUER);
        AuthorizationCode grant = grantOf(location);
        assertThat(grant.clientId()).isEqualTo(FakeUserPool.FEDERATED_CLIENT);
        assertThat(grant.sub()).isEqualTo(FakeFederation.FEDERATED_SUB);
        assertThat(grant.username()).isEqualTo(FakeFederation.FEDERATED_USERNAME);
        assertThat(grant.nonce()).isEqualTo("n-456");
        assertThat(grant.codeChallenge()).isEqualTo(HostedUiBrowser.CODE_CHALLENGE);
        assertThat(response.detailedCookie(ATTEMPT_COOKIE).getMaxAge()).isZero();
        assertThat(browser.cookies()).containsKey(SESSION_COOKIE).doesNotContainKey(ATTEMPT_COOKIE);

        JsonNode callback = FakeUserPool.lastRequest("federation/oidc-callback");
        assertThat(callback.path("parameters").path("code").asText()).isEqualTo(FakeFederation.GOOD_CODE);
        assertThat(callback.path("parameters").path("state").asText()).isEqualTo(state);
        assertThat(callback.path("federationId").asText()).isEqualTo(federationId);
        assertThat(callback.path("hostedUiBaseUrl").asText()).isEqualTo("http://localhost:" + RestAssured.port);

        // the hosted session signs the browser in to the pool's other requests without going to the provider again
        Response again = browser.get("/oauth2/authorize", HostedUiBrowser.authorizeQuery(FakeUserPool.FEDERATED_CLIENT));
        assertThat(grantOf(again.header("Location")).username()).isEqualTo(FakeFederation.FEDERATED_USERNAME);
        String sessionKey = "cognate:hosted-session:" + grant.sessionId();
        assertThat(redis.value(String.class).get(sessionKey)).contains("\"providerName\":\"Corp\"")
                .contains("\"clientId\":\"" + FakeUserPool.FEDERATED_CLIENT + "\"");
    }

    @Test
    void anAttemptIsUsedOnceAndAnAnswerWithoutOneShowsTheErrorPage() {
        var browser = new HostedUiBrowser();
        String state = stateAtProvider(startAt(browser, FakeUserPool.FEDERATED_CLIENT, "Corp"));
        String federationId = browser.cookies().get(ATTEMPT_COOKIE);
        assertThat(browser.get("/oauth2/idpresponse", Map.of("code", FakeFederation.GOOD_CODE, "state", state)).statusCode()).isEqualTo(303);

        System.clearProperty("test.fake-user-pool.last-request.federation/oidc-callback");
        Response replayed = given().redirects().follow(false).cookie(ATTEMPT_COOKIE, federationId)
                .queryParam("code", FakeFederation.GOOD_CODE).queryParam("state", state).get("/oauth2/idpresponse");
        assertErrorPage(replayed, "Your sign-in with the identity provider took too long or was already completed.");

        Response withoutCookie = given().redirects().follow(false)
                .queryParam("code", FakeFederation.GOOD_CODE).queryParam("state", state).get("/oauth2/idpresponse");
        assertErrorPage(withoutCookie, "took too long or was already completed");
        Response forgedCookie = given().redirects().follow(false).cookie(ATTEMPT_COOKIE, "not-an-attempt")
                .queryParam("code", FakeFederation.GOOD_CODE).queryParam("state", state).get("/oauth2/idpresponse");
        assertErrorPage(forgedCookie, "took too long or was already completed");
        // nothing reached user-pool-service
        assertThat(FakeUserPool.lastRequest("federation/oidc-callback")).isNull();
    }

    @Test
    void aRefusedAnswerGoesBackToTheValidatedRedirectUriWithTheProvidersError() {
        var browser = new HostedUiBrowser();
        startAt(browser, FakeUserPool.FEDERATED_CLIENT, "Corp");

        // the provider's own error, and a redirect_uri of an attacker's that is never looked at
        Response response = browser.get("/oauth2/idpresponse", Map.of("error", "access_denied",
                "error_description", "The user cancelled", "redirect_uri", "https://evil.example.net/"));

        assertErrorRedirect(response, "access_denied", "Corp Error - access_denied The user cancelled");
        assertThat(response.detailedCookie(ATTEMPT_COOKIE).getMaxAge()).isZero();
        assertThat(browser.cookies()).doesNotContainKey(SESSION_COOKIE);
    }

    @Test
    void anAnswerOfAnotherAttemptIsRefusedAsInvalidRequest() {
        var victim = new HostedUiBrowser();
        startAt(victim, FakeUserPool.FEDERATED_CLIENT, "Corp");
        var attacker = new HostedUiBrowser();
        String attackersState = stateAtProvider(startAt(attacker, FakeUserPool.FEDERATED_CLIENT, "Corp"));

        // the attacker's provider answer, replayed into the victim's browser (login CSRF), does not sign the victim in
        Response response = victim.get("/oauth2/idpresponse", Map.of("code", FakeFederation.GOOD_CODE, "state", attackersState));

        assertErrorRedirect(response, "invalid_request", "The state does not belong to this sign-in.");
        assertThat(victim.cookies()).doesNotContainKey(SESSION_COOKIE);
    }

    @Test
    void duplicatedParametersAreRefused() {
        var browser = new HostedUiBrowser();
        String state = stateAtProvider(startAt(browser, FakeUserPool.FEDERATED_CLIENT, "Corp"));
        Response response = browser.get("/oauth2/idpresponse?code=" + FakeFederation.GOOD_CODE + "&state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8) + "&code=other");
        assertErrorRedirect(response, "invalid_request", "duplicate parameter code");
    }

    @Test
    void signInWithApplesFormPostIsAcceptedAsACrossSitePost() {
        var browser = new HostedUiBrowser();
        String state = stateAtProvider(startAt(browser, FakeUserPool.FEDERATED_CLIENT, "Google"));

        Response response = browser.request().contentType("application/x-www-form-urlencoded")
                .formParam("code", FakeFederation.GOOD_CODE).formParam("state", state)
                .formParam("user", "{\"name\":{\"firstName\":\"Ada\"}}").post("/oauth2/idpresponse");

        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(303);
        assertThat(grantOf(response.header("Location")).clientId()).isEqualTo(FakeUserPool.FEDERATED_CLIENT);
        assertThat(FakeUserPool.lastRequest("federation/oidc-callback").path("parameters").path("user").asText()).contains("Ada");
    }

    @Test
    void aSamlResponseToTheBrowsersAttemptSignsIn() {
        var browser = new HostedUiBrowser();
        Response atProvider = startAt(browser, FakeUserPool.FEDERATED_CLIENT, "Okta");
        String federationId = browser.cookies().get(ATTEMPT_COOKIE);
        assertThat(atProvider.header("Location")).isEqualTo(FakeFederation.SAML_SSO + "?SAMLRequest=req-" + federationId);

        Response response = browser.request().contentType("application/x-www-form-urlencoded")
                .formParam("SAMLResponse", "sp:" + federationId).formParam("RelayState", "opaque").post("/saml2/idpresponse");

        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(303);
        assertThat(grantOf(response.header("Location")).username()).isEqualTo(FakeFederation.SAML_USERNAME);
        JsonNode posted = FakeUserPool.lastRequest("federation/saml-response");
        assertThat(posted.path("federationId").asText()).isEqualTo(federationId);
        assertThat(posted.path("relayState").asText()).isEqualTo("opaque");

        Response refused = signedInThroughSamlAttempt("forged");
        assertErrorRedirect(refused, "invalid_request", "Invalid SAML response.");
    }

    private Response signedInThroughSamlAttempt(String samlResponse) {
        var browser = new HostedUiBrowser();
        startAt(browser, FakeUserPool.FEDERATED_CLIENT, "Okta");
        return browser.request().contentType("application/x-www-form-urlencoded")
                .formParam("SAMLResponse", samlResponse).post("/saml2/idpresponse");
    }

    private static String relayState(String clientId, String provider, String redirectUri) {
        Map<String, String> query = new LinkedHashMap<>(HostedUiBrowser.authorizeQuery(clientId));
        if (provider != null) {
            query.put("identity_provider", provider);
        }
        query.put("redirect_uri", redirectUri);
        StringBuilder relay = new StringBuilder();
        query.forEach((name, value) -> relay.append(relay.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return relay.toString();
    }

    private static Response postIdpInitiated(String relayState) {
        var request = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("SAMLResponse", FakeFederation.IDP_INITIATED_RESPONSE);
        if (relayState != null) {
            request.formParam("RelayState", relayState);
        }
        return request.post("/saml2/idpresponse");
    }

    @Test
    void anIdpInitiatedSamlResponseCompletesTheAuthorizationRequestOfItsRelayState() {
        Response response = postIdpInitiated(relayState(FakeUserPool.FEDERATED_CLIENT, "Okta", FakeUserPool.CALLBACK_URL));

        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(303);
        assertThat(HostedUiBrowser.queryOf(response.header("Location"))).containsEntry("state", "st-123");
        AuthorizationCode grant = grantOf(response.header("Location"));
        assertThat(grant.clientId()).isEqualTo(FakeUserPool.FEDERATED_CLIENT);
        assertThat(grant.username()).isEqualTo(FakeFederation.SAML_USERNAME);
        assertThat(FakeUserPool.lastRequest("federation/saml-response").path("federationId").isNull()).isTrue();
    }

    @Test
    void anIdpInitiatedRelayStateIsValidatedLikeAnyAuthorizationRequest() {
        // another site's redirect URI: the error page, never a redirect there
        assertErrorPage(postIdpInitiated(relayState(FakeUserPool.FEDERATED_CLIENT, "Okta", "https://evil.example.net/cb")),
                "The redirect_uri is not one of the app client&#39;s callback URLs.");
        // no provider named
        assertErrorRedirect(postIdpInitiated(relayState(FakeUserPool.FEDERATED_CLIENT, null, FakeUserPool.CALLBACK_URL)),
                "invalid_request", "must name the identity provider");
        // another provider than the one whose response it is
        assertErrorRedirect(postIdpInitiated(relayState(FakeUserPool.FEDERATED_CLIENT, "Corp", FakeUserPool.CALLBACK_URL)),
                "invalid_request", "belongs to another sign-in");
        // nothing to go back to
        assertErrorPage(postIdpInitiated(null), "names no app to return to");
        assertErrorPage(postIdpInitiated("%zz"), "names no app to return to");
        assertErrorPage(given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("RelayState", "x").post("/saml2/idpresponse"), "The request is not valid.");
    }

    @Test
    void signingOutGoesThroughTheSamlProviderAndOnToTheLogoutUri() {
        var browser = signedInThroughSaml();

        Response atProvider = browser.get("/logout", Map.of("client_id", FakeUserPool.FEDERATED_CLIENT, "logout_uri", FakeUserPool.LOGOUT_URL));

        assertThat(atProvider.statusCode()).isEqualTo(302);
        String location = atProvider.header("Location");
        assertThat(location).startsWith(FakeFederation.SAML_SLO + "?SAMLRequest=logout&RelayState=");
        String relayState = HostedUiBrowser.queryOf(location).get("RelayState");
        JsonNode logout = FakeUserPool.lastRequest("federation/saml-logout");
        assertThat(logout.path("providerName").asText()).isEqualTo("Okta");
        assertThat(logout.path("providerSession").path("nameId").asText()).isEqualTo("alice@okta.example.org");
        assertThat(logout.path("providerSession").path("sessionIndex").asText()).isEqualTo("s-1");
        assertThat(logout.path("relayState").asText()).isEqualTo(relayState);
        // Cognate's session is over already
        assertThat(browser.get("/oauth2/authorize", HostedUiBrowser.authorizeQuery(FakeUserPool.FEDERATED_CLIENT))
                .header("Location")).startsWith("/login?");

        Response back = browser.get("/saml2/logout?SAMLResponse=" + FakeFederation.LOGOUT_RESPONSE + "&RelayState="
                + URLEncoder.encode(relayState, StandardCharsets.UTF_8) + "&SigAlg=rsa-sha256&Signature=abc");

        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.header("Location")).isEqualTo(FakeUserPool.LOGOUT_URL);
        JsonNode answer = FakeUserPool.lastRequest("federation/saml-logout-response");
        assertThat(answer.path("rawQuery").asText()).isEqualTo("SAMLResponse=" + FakeFederation.LOGOUT_RESPONSE
                + "&RelayState=" + URLEncoder.encode(relayState, StandardCharsets.UTF_8) + "&SigAlg=rsa-sha256&Signature=abc");

        // the continuation is used once: a replay lands on the signed-out page, never at a URI it names
        Response replayed = browser.get("/saml2/logout?SAMLResponse=" + FakeFederation.LOGOUT_RESPONSE + "&RelayState="
                + URLEncoder.encode(relayState, StandardCharsets.UTF_8));
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.header("Location")).isNull();
    }

    @Test
    void aLogoutRequestOfTheProviderEndsTheSessionAndAnswersTheProvider() {
        var browser = signedInThroughSaml();

        Response response = browser.request().contentType("application/x-www-form-urlencoded")
                .formParam("SAMLRequest", FakeFederation.IDP_LOGOUT_REQUEST).post("/saml2/logout");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo(FakeFederation.IDP_LOGOUT_ANSWER);
        assertThat(response.detailedCookie(SESSION_COOKIE).getMaxAge()).isZero();
        remember(browser, response);
        assertThat(browser.get("/oauth2/authorize", HostedUiBrowser.authorizeQuery(FakeUserPool.FEDERATED_CLIENT))
                .header("Location")).startsWith("/login?");

        // a forged one changes nothing, and one without a session of a provider has nothing to end
        var other = signedInThroughSaml();
        Response forged = other.request().contentType("application/x-www-form-urlencoded")
                .formParam("SAMLRequest", "forged").post("/saml2/logout");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(other.get("/oauth2/authorize", HostedUiBrowser.authorizeQuery(FakeUserPool.FEDERATED_CLIENT))
                .header("Location")).startsWith(FakeUserPool.CALLBACK_URL + "?code=");
        assertThat(given().redirects().follow(false).queryParam("SAMLRequest", FakeFederation.IDP_LOGOUT_REQUEST)
                .get("/saml2/logout").statusCode()).isEqualTo(400);
    }

    @Test
    void aSessionOfAnOidcProviderSignsOutWithoutGoingToTheProvider() {
        var browser = new HostedUiBrowser();
        String state = stateAtProvider(startAt(browser, FakeUserPool.FEDERATED_CLIENT, "Corp"));
        browser.get("/oauth2/idpresponse", Map.of("code", FakeFederation.GOOD_CODE, "state", state));

        Response response = browser.get("/logout", Map.of("client_id", FakeUserPool.FEDERATED_CLIENT, "logout_uri", FakeUserPool.LOGOUT_URL));
        assertThat(response.header("Location")).isEqualTo(FakeUserPool.LOGOUT_URL);
    }

    @Test
    void theImplicitFlowThroughAProviderAnswersInTheFragment() {
        Map<String, String> query = new LinkedHashMap<>(HostedUiBrowser.implicitQuery(FakeUserPool.PROVIDERS_ONLY_CLIENT));
        query.put("identity_provider", "Google");
        var browser = new HostedUiBrowser();
        Response atProvider = browser.get("/oauth2/authorize", query);
        String state = stateAtProvider(atProvider);

        Response response = browser.get("/oauth2/idpresponse", Map.of("code", FakeFederation.GOOD_CODE, "state", state));

        assertThat(response.statusCode()).isEqualTo(303);
        String location = response.header("Location");
        assertThat(location).startsWith(FakeUserPool.CALLBACK_URL + "#");
        Map<String, String> fragment = HostedUiBrowser.fragmentOf(location);
        assertThat(fragment).containsKeys("access_token", "id_token").containsEntry("token_type", "Bearer")
                .containsEntry("state", "st-123").containsEntry("iss", ISSUER);
        assertThat(FakeUserPool.grantOfToken(fragment.get("access_token")).username()).isEqualTo(FakeFederation.FEDERATED_USERNAME);

        // a refusal of an implicit request goes in the fragment too
        var refused = new HostedUiBrowser();
        refused.get("/oauth2/authorize", query);
        Response error = refused.get("/oauth2/idpresponse", Map.of("error", "access_denied"));
        assertThat(error.header("Location")).startsWith(FakeUserPool.CALLBACK_URL + "#");
        assertThat(HostedUiBrowser.fragmentOf(error.header("Location"))).containsEntry("error", "access_denied").containsEntry("state", "st-123");
    }
}
