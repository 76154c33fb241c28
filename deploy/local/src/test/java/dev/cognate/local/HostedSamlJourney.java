package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.cognate.testkit.ScriptRun;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
final class HostedSamlJourney implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots", "hosted-saml");
    private static final Path RELYING_PARTY = Path.of("src/test/node");
    private static final Path IDP_SCRIPT = Path.of("../../user-pool-service/src/test/node-saml-idp");
    private static final String PROVIDER = "SamlIdP";
    private static final String ENCRYPTED_PROVIDER = "SamlEncrypted";
    private static final String EMAIL_CLAIM = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
    private static final String NAME_ID = "grace-hopper";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CognitoIdentityProviderClient operator;
    private final String userPoolUrl;
    private final int hostedUiPort;
    private final AppCallbackServer apps = AppCallbackServer.start();
    private final String appCallback = apps.url("/saml-app/callback");
    private final String appSignedOut = apps.url("/saml-app/signed-out");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path idpKeys;
    private Process idp;
    private String idpBase;
    private int screenshot;
    /** What the IdP's LogoutRequests named ("nameId sessionIndex"), and its last response's XML: what went over the wire. */
    private final List<String> signedOutNames = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String lastResponseXml = "";

    HostedSamlJourney(CognitoIdentityProviderClient operator, String userPoolUrl, int hostedUiPort) {
        this.operator = operator;
        this.userPoolUrl = userPoolUrl;
        this.hostedUiPort = hostedUiPort;
    }

    void run() throws Exception {
        assumeTrue(Files.isExecutable(HostedLoginJourney.CHROMIUM), "needs " + HostedLoginJourney.CHROMIUM + " (apt-get install -y chromium)");
        assumeTrue(Files.isDirectory(RELYING_PARTY.resolve("node_modules/openid-client"))
                        && Files.isDirectory(IDP_SCRIPT.resolve("node_modules/samlify")) && ScriptRun.works("node", "--version")
                        && ScriptRun.works("openssl", "version"),
                "needs node, openssl, deploy/local/src/test/node/node_modules and user-pool-service/src/test/node-saml-idp/node_modules (CI runs npm ci there)");
        Files.createDirectories(SCREENSHOTS);
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
        Path rpState = Files.createTempFile("relying-party", ".json");

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(HostedLoginJourney.CHROMIUM)
                     .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync", "--no-first-run",
                             // the login domain resolves to loopback without asking a resolver
                             "--host-resolver-rules=MAP *.localhost 127.0.0.1")));
             BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true))) {
            Page page = context.newPage();
            Map<String, Object> scenario = new LinkedHashMap<>(Map.of("nameId", NAME_ID, "sessionIndex", "_session-grace",
                    "attributes", Map.of(EMAIL_CLAIM, List.of("grace@example.com"))));
            context.setExtraHTTPHeaders(Map.of("x-scenario", JSON.writeValueAsString(scenario)));
            try {
                // 1. the relying party's request; the provider's button on the hosted login; the IdP; the POST back
                page.navigate(node("begin", issuer, clientId, appCallback, rpState.toString()));
                shot(page, "sign-in");
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(PROVIDER)).click();
                postIdpResponse(page);
                String callback = apps.awaitRequest(appCallback, Duration.ofSeconds(30));
                assertThat(query(callback)).containsKey("code").containsEntry("iss", issuer);

                // 2. the app's tokens: the federated user, with Cognito's identities claim
                JsonNode signedIn = JSON.readTree(node("finish", rpState.toString(), callback, appSignedOut));
                JsonNode claims = signedIn.path("idTokenClaims");
                String username = PROVIDER + "_" + NAME_ID;
                assertThat(claims.path("cognito:username").asText()).isEqualTo(username);
                assertThat(claims.path("email").asText()).isEqualTo("grace@example.com");
                assertThat(claims.path("iss").asText()).isEqualTo(issuer);
                JsonNode identities = claims.path("identities");
                assertThat(identities.isArray() && identities.size() == 1).as("identities: %s", identities).isTrue();
                assertThat(identities.get(0).path("providerName").asText()).isEqualTo(PROVIDER);
                assertThat(identities.get(0).path("providerType").asText()).isEqualTo("SAML");
                assertThat(identities.get(0).path("userId").asText()).isEqualTo(NAME_ID);
                assertThat(identities.get(0).path("primary").asText()).isEqualTo("true");
                UserType user = operator.listUsers(r -> r.userPoolId(poolId).filter("username = \"" + username + "\"")).users().get(0);
                assertThat(user.userStatusAsString()).isEqualTo("EXTERNAL_PROVIDER");
                assertThat(user.attributes().stream().filter(a -> a.name().equals("email")).map(AttributeType::value))
                        .containsExactly("grace@example.com");

                // 3. sign-out through the IdP's single logout service, back to the app's logout_uri
                page.navigate(loginDomain + "/logout?client_id=" + clientId + "&logout_uri=" + URLEncoder.encode(appSignedOut, StandardCharsets.UTF_8));
                redirectIdpLogoutResponse(page);
                apps.awaitRequest(appSignedOut, Duration.ofSeconds(30));
                assertThat(signedOutNames).as("the IdP's LogoutRequest named the session").containsExactly(NAME_ID + " _session-grace");
                // the hosted session is gone: a new authorization request shows the sign-in page again instead of a code
                page.navigate(authorize(loginDomain, clientId, null));
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(PROVIDER)).waitFor();
                assertThat(page.url()).startsWith(loginDomain + "/");
                shot(page, "signed-out");

                // 4. EncryptedResponses: the second provider, the assertion encrypted to the pool's certificate
                scenario.put("encrypt", true);
                scenario.put("nameId", "ada-lovelace");
                scenario.put("attributes", Map.of(EMAIL_CLAIM, List.of("ada@example.com")));
                context.setExtraHTTPHeaders(Map.of("x-scenario", JSON.writeValueAsString(scenario)));
                page.navigate(authorize(loginDomain, clientId, ENCRYPTED_PROVIDER));
                postIdpResponse(page);
                assertThat(query(apps.awaitRequest(appCallback, Duration.ofSeconds(30)))).containsKey("code");
                assertThat(lastResponseXml).as("the IdP encrypted the assertion").contains("EncryptedAssertion").doesNotContain("ada@example.com");
                assertThat(operator.adminGetUser(r -> r.userPoolId(poolId).username(ENCRYPTED_PROVIDER + "_ada-lovelace")).userStatusAsString())
                        .isEqualTo("EXTERNAL_PROVIDER");
            } catch (AssertionError | RuntimeException failure) {
                shot(page, "failed");
                throw failure;
            }
        } finally {
            Files.deleteIfExists(rpState);
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
        shot(page, "idp");
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

    /** An authorization request of the app (PKCE S256); naming a provider sends the browser straight there. */
    private String authorize(String loginDomain, String clientId, String provider) throws Exception {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest("a-verifier-of-forty-three-characters-or-more-saml-journey".getBytes(StandardCharsets.US_ASCII)));
        return loginDomain + "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
                + URLEncoder.encode(appCallback, StandardCharsets.UTF_8) + "&scope=openid&state=straight-to-provider"
                + "&code_challenge=" + challenge + "&code_challenge_method=S256" + (provider == null ? "" : "&identity_provider=" + provider);
    }

    /** Makes the IdP's signing pair and a rogue pair (the script wants both) with openssl, then starts the script. */
    private void startIdp() throws IOException, InterruptedException {
        idpKeys = Files.createTempDirectory("saml-idp");
        for (String name : List.of("idp", "rogue")) {
            ScriptRun pair = ScriptRun.run(idpKeys, Duration.ofSeconds(60), List.of("openssl", "req", "-x509", "-newkey", "rsa:2048",
                    "-nodes", "-sha256", "-days", "2", "-subj", "/CN=saml-idp.test " + name, "-keyout", name + "-key.pem", "-out", name + "-cert.pem"));
            assertThat(pair.succeeded()).as("openssl:%n%s", pair.output()).isTrue();
        }
        idp = new ProcessBuilder("node", "saml_idp.js", idpKeys.toString()).directory(IDP_SCRIPT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(idp.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return output.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String line = first.get(30, TimeUnit.SECONDS);
            assertThat(line).as("the SAML IdP started").isNotNull();
            idpBase = "http://127.0.0.1:" + JSON.readTree(line).path("port").asInt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("the SAML IdP did not start", e);
        }
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
            idp.destroy();
            if (!idp.waitFor(10, TimeUnit.SECONDS)) {
                idp.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
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

    /** Runs the relying party; its answer is the last line of output (Node may print warnings before it). */
    private String node(String... arguments) {
        List<String> command = new ArrayList<>(List.of("node", "relying-party.mjs"));
        command.addAll(List.of(arguments));
        ScriptRun run = ScriptRun.run(RELYING_PARTY, Duration.ofSeconds(60), command);
        assertThat(run.succeeded()).as("openid-client %s:%n%s", arguments[0], run.output()).isTrue();
        String[] lines = run.output().strip().split("\\R");
        return lines[lines.length - 1];
    }

    private void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(String.format("%02d-%s.png", ++screenshot, name)))
                .setFullPage(true));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = URI.create(url).getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                parameters.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }
}
