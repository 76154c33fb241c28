package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.cognate.testkit.ScriptRun;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.cognate.local.PkceApp.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SAML 2.0 sign-in through the whole stack, in Chromium: a real SAML identity provider (samlify 2.13,
 * user-pool-service's {@code src/test/node-saml-idp/saml_idp.js}, run as a process with a signing pair made here by
 * openssl) is the pool's SAML provider ({@code MetadataFile} from the IdP, {@code IDPSignout} true, {@code email}
 * mapped from a claim URI), and the IdP trusts the pool's SP metadata ({@code GET /{poolId}/saml2/metadata}). A standard
 * relying party (openid-client) starts the authorization request; on the hosted login the user picks the provider's
 * button; the pool's signed AuthnRequest goes to the IdP, whose signed response comes back to
 * {@code /saml2/idpresponse} by a cross-site form POST, and the app gets tokens for {@code SamlIdP_<NameID>} with
 * Cognito's {@code identities} claim ({@code providerType} SAML); the user exists as {@code EXTERNAL_PROVIDER}. Then
 * {@code /logout} goes through the IdP's single logout service (a signed LogoutRequest and LogoutResponse by the redirect
 * binding) back to the app's {@code logout_uri}, and the session is gone. A second provider of the same IdP with
 * {@code EncryptedResponses} signs in with an assertion encrypted to the pool's encryption certificate.
 *
 * <p>The script answers its browser endpoints ({@code /sso}, {@code /slo}) with JSON (what a browser would be sent), not
 * with pages: Chromium goes there itself (the scenario travels as the script's {@code x-scenario} header, an extra header
 * of the browser context), and the test then does on that page, in the IdP's origin, what an IdP's page does with it: the
 * auto-submitting form of the HTTP-POST binding (a cross-site POST to the ACS) and the redirect of the redirect binding.
 * Every SAML message is the script's, unchanged. Screenshots land in
 * {@code target/screenshots/hosted-saml/}.
 */
final class HostedSamlJourney implements BrowserJourney {

    private static final Path IDP_SCRIPT = Path.of("../../user-pool-service/src/test/node-saml-idp");
    private static final String PROVIDER = "SamlIdP";
    private static final String ENCRYPTED_PROVIDER = "SamlEncrypted";
    private static final String EMAIL_CLAIM = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
    private static final String NAME_ID = "grace-hopper";
    private static final String VERIFIER = "a-verifier-of-forty-three-characters-or-more-saml-journey";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CognitoIdentityProviderClient operator;
    private final String userPoolUrl;
    private final int hostedUiPort;
    private final AppCallbackServer apps = AppCallbackServer.start();
    private final String appCallback = apps.url("/saml-app/callback");
    private final String appSignedOut = apps.url("/saml-app/signed-out");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path idpKeys;
    private ScriptProcess idp;
    private String idpBase;
    private Screenshots screenshots;
    /** What the IdP's LogoutRequests named ("nameId sessionIndex"), and its last response's XML: what went over the wire. */
    private final List<String> signedOutNames = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String lastResponseXml = "";

    HostedSamlJourney(CognitoIdentityProviderClient operator, String userPoolUrl, int hostedUiPort) {
        this.operator = operator;
        this.userPoolUrl = userPoolUrl;
        this.hostedUiPort = hostedUiPort;
    }

    @Override
    public void run() throws Exception {
        Chromium.assumeInstalled();
        assumeTrue(RelyingParty.installed() && Files.isDirectory(IDP_SCRIPT.resolve("node_modules/samlify"))
                        && ScriptRun.works("openssl", "version"),
                "needs node, openssl, deploy/local/src/test/node/node_modules and user-pool-service/src/test/node-saml-idp/node_modules (CI runs npm ci there)");
        screenshots = Screenshots.of("hosted-saml");
        startIdp();

        String poolId = operator.createUserPool(r -> r.poolName("SAML Journey")).userPool().id();
        String prefix = "saml-" + poolId.substring(poolId.indexOf('_') + 1).toLowerCase();
        // the domain first: the SP metadata's ACS and SLO are the pool's first login domain
        operator.createUserPoolDomain(r -> r.userPoolId(poolId).domain(prefix));
        String loginDomain = "http://" + prefix + ".auth.us-east-1.localhost:" + hostedUiPort;
        String metadataFile = get(idpBase + "/metadata");
        operator.createIdentityProvider(r -> r.userPoolId(poolId).providerName(PROVIDER).providerType(IdentityProviderTypeType.SAML)
                .providerDetails(Map.of("MetadataFile", metadataFile, "IDPSignout", "true"))
                .attributeMapping(Map.of("email", EMAIL_CLAIM)));
        // a second provider of the same IdP whose assertions come encrypted to the pool's certificate (step 4); both exist
        // before the client names them, since hosted-ui-service sees a client's change only within its client-cache TTL
        operator.createIdentityProvider(r -> r.userPoolId(poolId).providerName(ENCRYPTED_PROVIDER).providerType(IdentityProviderTypeType.SAML)
                .providerDetails(Map.of("MetadataFile", metadataFile, "EncryptedResponses", "true"))
                .attributeMapping(Map.of("email", EMAIL_CLAIM)));
        String spMetadata = get(userPoolUrl + "/" + poolId + "/saml2/metadata");
        assertThat(spMetadata).contains("urn:amazon:cognito:sp:" + poolId).contains(loginDomain + "/saml2/idpresponse");
        trust(spMetadata);
        String clientId = operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName("saml-app").generateSecret(false)
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid", "email", "profile")
                .callbackURLs(appCallback).logoutURLs(appSignedOut).supportedIdentityProviders(PROVIDER, ENCRYPTED_PROVIDER))
                .userPoolClient().clientId();
        String issuer = userPoolUrl + "/" + poolId;
        PkceApp app = new PkceApp(userPoolUrl, clientId, appCallback, VERIFIER);

        try (RelyingParty relyingParty = RelyingParty.create();
             Chromium chromium = Chromium.forLoginDomains();
             BrowserContext context = chromium.newPhoneContext()) {
            Page page = context.newPage();
            Map<String, Object> scenario = new LinkedHashMap<>(Map.of("nameId", NAME_ID, "sessionIndex", "_session-grace",
                    "attributes", Map.of(EMAIL_CLAIM, List.of("grace@example.com"))));
            context.setExtraHTTPHeaders(Map.of("x-scenario", JSON.writeValueAsString(scenario)));
            screenshots.onFailure(page, "failed", () -> {
                // 1. the relying party's request; the provider's button on the hosted login; the IdP; the POST back
                page.navigate(relyingParty.begin(issuer, clientId, appCallback));
                screenshots.shot(page, "sign-in");
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(PROVIDER)).click();
                postIdpResponse(page);
                String callback = apps.awaitRequest(appCallback, Duration.ofSeconds(30));
                assertThat(query(callback)).containsKey("code").containsEntry("iss", issuer);

                // 2. the app's tokens: the federated user, with Cognito's identities claim
                JsonNode claims = relyingParty.finish(callback, appSignedOut).path("idTokenClaims");
                String username = PROVIDER + "_" + NAME_ID;
                FederatedClaims.assertFederatedUser(claims, PROVIDER, "SAML", NAME_ID);
                assertThat(claims.path("email").asText()).isEqualTo("grace@example.com");
                assertThat(claims.path("iss").asText()).isEqualTo(issuer);
                UserType user = operator.listUsers(r -> r.userPoolId(poolId).filter("username = \"" + username + "\"")).users().get(0);
                assertThat(user.userStatusAsString()).isEqualTo("EXTERNAL_PROVIDER");
                assertThat(user.attributes().stream().filter(a -> a.name().equals("email")).map(AttributeType::value))
                        .containsExactly("grace@example.com");

                // 3. sign-out through the IdP's single logout service, back to the app's logout_uri
                page.navigate(loginDomain + "/logout?client_id=" + clientId + "&logout_uri=" + URLEncoder.encode(appSignedOut, StandardCharsets.UTF_8));
                redirectIdpLogoutResponse(page);
                apps.awaitRequest(appSignedOut, Duration.ofSeconds(30));
                // the app's server saw the request before the browser finished loading it: a navigation now would race it
                page.waitForURL(url -> url.startsWith(appSignedOut));
                assertThat(signedOutNames).as("the IdP's LogoutRequest named the session").containsExactly(NAME_ID + " _session-grace");
                // the hosted session is gone: a new authorization request shows the sign-in page again instead of a code
                page.navigate(authorize(app, loginDomain, null));
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(PROVIDER)).waitFor();
                assertThat(page.url()).startsWith(loginDomain + "/");
                screenshots.shot(page, "signed-out");

                // 4. EncryptedResponses: the second provider, the assertion encrypted to the pool's certificate
                scenario.put("encrypt", true);
                scenario.put("nameId", "ada-lovelace");
                scenario.put("attributes", Map.of(EMAIL_CLAIM, List.of("ada@example.com")));
                context.setExtraHTTPHeaders(Map.of("x-scenario", JSON.writeValueAsString(scenario)));
                page.navigate(authorize(app, loginDomain, ENCRYPTED_PROVIDER));
                postIdpResponse(page);
                assertThat(query(apps.awaitRequest(appCallback, Duration.ofSeconds(30)))).containsKey("code");
                assertThat(lastResponseXml).as("the IdP encrypted the assertion").contains("EncryptedAssertion").doesNotContain("ada@example.com");
                assertThat(operator.adminGetUser(r -> r.userPoolId(poolId).username(ENCRYPTED_PROVIDER + "_ada-lovelace")).userStatusAsString())
                        .isEqualTo("EXTERNAL_PROVIDER");
            });
        }
    }

    /**
     * The IdP's sign-in, as an IdP whose user is signed in answers: on the IdP's page (its origin) the script's response
     * is posted to the ACS the AuthnRequest named, by the auto-submitting form of the HTTP-POST binding.
     */
    private void postIdpResponse(Page page) throws IOException {
        JsonNode answer = idpAnswer(page, "/sso?");
        assertThat(answer.path("SAMLResponse").isTextual()).as("the IdP answered the AuthnRequest: %s", answer).isTrue();
        lastResponseXml = new String(Base64.getDecoder().decode(answer.path("SAMLResponse").asText()), StandardCharsets.UTF_8);
        screenshots.shot(page, "idp");
        page.evaluate("([acs, response, relayState]) => {"
                + " const form = document.createElement('form'); form.method = 'post'; form.action = acs;"
                + " const add = (name, value) => { const input = document.createElement('input'); input.type = 'hidden';"
                + " input.name = name; input.value = value; form.appendChild(input); };"
                + " add('SAMLResponse', response); if (relayState !== null) add('RelayState', relayState);"
                + " document.body.appendChild(form); form.submit(); }",
                Arrays.asList(answer.path("acs").asText(), answer.path("SAMLResponse").asText(),
                        answer.path("RelayState").isTextual() ? answer.path("RelayState").asText() : null));
    }

    /** The IdP's single logout service: its signed LogoutResponse, sent back by the redirect binding. */
    private void redirectIdpLogoutResponse(Page page) throws IOException {
        JsonNode answer = idpAnswer(page, "/slo?SAMLRequest=");
        assertThat(answer.path("location").isTextual()).as("the IdP answered the LogoutRequest: %s", answer).isTrue();
        signedOutNames.add(answer.path("nameId").asText() + " " + answer.path("sessionIndex").asText());
        page.evaluate("location => window.location.assign(location)", answer.path("location").asText());
    }

    /** Waits for the browser on the IdP's {@code path} and reads the script's JSON answer shown there. */
    private JsonNode idpAnswer(Page page, String path) throws IOException {
        page.waitForURL(url -> url.startsWith(idpBase + path));
        page.waitForLoadState();
        String text = (String) page.evaluate("() => (document.querySelector('pre') || document.body).textContent");
        return JSON.readTree(text.substring(text.indexOf('{'), text.lastIndexOf('}') + 1));
    }

    /** An authorization request of the app (PKCE S256) at the login domain; naming a provider sends the browser straight there. */
    private static String authorize(PkceApp app, String loginDomain, String provider) {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("state", "straight-to-provider"));
        if (provider != null) {
            parameters.put("identity_provider", provider);
        }
        return app.authorizationUrl(loginDomain + "/oauth2/authorize", parameters);
    }

    /** Makes the IdP's signing pair and a rogue pair (the script wants both) with openssl, then starts the script. */
    private void startIdp() throws IOException, InterruptedException {
        idpKeys = Files.createTempDirectory("saml-idp");
        for (String name : List.of("idp", "rogue")) {
            ScriptRun pair = ScriptRun.run(idpKeys, Duration.ofSeconds(60), List.of("openssl", "req", "-x509", "-newkey", "rsa:2048",
                    "-nodes", "-sha256", "-days", "2", "-subj", "/CN=saml-idp.test " + name, "-keyout", name + "-key.pem", "-out", name + "-cert.pem"));
            assertThat(pair.succeeded()).as("openssl:%n%s", pair.output()).isTrue();
        }
        idp = ScriptProcess.start(new ProcessBuilder("node", "saml_idp.js", idpKeys.toString()).directory(IDP_SCRIPT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT), "the SAML IdP", line -> true);
        idpBase = "http://127.0.0.1:" + JSON.readTree(idp.readyLine()).path("port").asInt();
    }

    /** The pool whose SP metadata the IdP answers. */
    private void trust(String spMetadata) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(idpBase + "/sp")).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(spMetadata)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("the IdP took the SP metadata: %s", response.body()).isEqualTo(200);
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return response.body();
    }

    /** Stops the IdP and the apps' server, and removes the IdP's keys. */
    @Override
    public void close() throws Exception {
        apps.close();
        if (idp != null) {
            idp.close();
        }
        if (idpKeys != null) {
            try (var files = Files.list(idpKeys)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(idpKeys);
        }
    }
}
