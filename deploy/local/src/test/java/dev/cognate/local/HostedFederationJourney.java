package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.cognate.testkit.Ports;
import dev.cognate.testkit.ScriptRun;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Federated sign-in through the whole stack, in Chromium: a real OpenID Provider upstream (oidc-provider, the certified
 * Node implementation, user-pool-service's {@code src/test/node-oidc-provider/server.mjs}) configured as the pool's OIDC
 * identity provider through the AWS SDK; a standard relying party (openid-client, {@code src/test/node/relying-party.mjs})
 * starts the authorization request; on the hosted login the user picks the provider's button, signs in and consents at
 * the provider, and comes back through {@code /oauth2/idpresponse} to the app. The app's ID token names the federated
 * user {@code Upstream_<subject>} with Cognito's {@code identities} claim; the user exists with status
 * {@code EXTERNAL_PROVIDER}; and an identity pool that trusts the user pool vends AWS credentials for that ID token
 * ({@code GetId}, {@code GetCredentialsForIdentity}). Then the same app sends the browser straight to the provider with
 * {@code identity_provider}, where the provider's own session signs the user in without a page. Screenshots land in
 * {@code target/screenshots/hosted-federation/}.
 */
final class HostedFederationJourney implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots", "hosted-federation");
    private static final Path RELYING_PARTY = Path.of("src/test/node");
    private static final Path UPSTREAM = Path.of("../../user-pool-service/src/test/node-oidc-provider");
    private static final String PROVIDER = "Upstream";
    private static final String LOGIN = "ada";
    private static final String ROLE = "arn:aws:iam::000000000000:role/federated-journey";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CognitoIdentityProviderClient operator;
    private final CognitoIdentityClient identityOperator;
    private final String userPoolUrl;
    private final String identityPoolUrl;
    private final int hostedUiPort;
    private final AppCallbackServer apps = AppCallbackServer.start();
    private final String appCallback = apps.url("/fed-app/callback");
    private final String appSignedOut = apps.url("/fed-app/signed-out");
    private Process upstream;
    private int screenshot;

    HostedFederationJourney(CognitoIdentityProviderClient operator, CognitoIdentityClient identityOperator, String userPoolUrl,
                            String identityPoolUrl, int hostedUiPort) {
        this.operator = operator;
        this.identityOperator = identityOperator;
        this.userPoolUrl = userPoolUrl;
        this.identityPoolUrl = identityPoolUrl;
        this.hostedUiPort = hostedUiPort;
    }

    void run() throws Exception {
        assumeTrue(Files.isExecutable(HostedLoginJourney.CHROMIUM), "needs " + HostedLoginJourney.CHROMIUM + " (apt-get install -y chromium)");
        assumeTrue(Files.isDirectory(RELYING_PARTY.resolve("node_modules/openid-client"))
                        && Files.isDirectory(UPSTREAM.resolve("node_modules/oidc-provider")) && ScriptRun.works("node", "--version"),
                "needs node, deploy/local/src/test/node/node_modules and user-pool-service/src/test/node-oidc-provider/node_modules (CI runs npm ci there)");
        Files.createDirectories(SCREENSHOTS);

        String poolId = operator.createUserPool(r -> r.poolName("Federation Journey")).userPool().id();
        String prefix = "fed-" + poolId.substring(poolId.indexOf('_') + 1).toLowerCase();
        operator.createUserPoolDomain(r -> r.userPoolId(poolId).domain(prefix));
        // the pool's login domain as deploy/local names it; the provider sends the browser back to its /oauth2/idpresponse
        String loginDomain = "http://" + prefix + ".auth.us-east-1.localhost:" + hostedUiPort;
        String upstreamIssuer = startUpstream(loginDomain + "/oauth2/idpresponse");
        operator.createIdentityProvider(r -> r.userPoolId(poolId).providerName(PROVIDER).providerType(IdentityProviderTypeType.OIDC)
                .providerDetails(Map.of("client_id", "cognate-confidential", "client_secret", "cognate-upstream-secret",
                        "authorize_scopes", "openid email profile", "oidc_issuer", upstreamIssuer, "attributes_request_method", "GET"))
                .attributeMapping(Map.of("email", "email", "given_name", "given_name", "family_name", "family_name")));
        String clientId = operator.createUserPoolClient(r -> r.userPoolId(poolId).clientName("fed-app").generateSecret(false)
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid", "email", "profile")
                .callbackURLs(appCallback).logoutURLs(appSignedOut).supportedIdentityProviders("COGNITO", PROVIDER))
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
            try {
                // 1. the relying party's request; the provider's button on the hosted login; the provider's pages
                page.navigate(node("begin", issuer, clientId, appCallback, rpState.toString()));
                shot(page, "sign-in");
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(PROVIDER)).click();
                page.waitForURL(url -> url.startsWith(upstreamIssuer + "/"));
                shot(page, "provider-login");
                page.locator("input[name=login]").fill(LOGIN);
                page.locator("input[name=password]").fill("any-password");
                String loginPage = page.url();
                page.locator("button[type=submit]").first().click();
                // the provider's consent page (a new interaction) follows, unless it went straight back to the login domain
                page.waitForURL(url -> !url.equals(loginPage));
                if (page.url().startsWith(upstreamIssuer + "/")) {
                    shot(page, "provider-consent");
                    page.locator("button[type=submit]").first().click();
                }
                String callback = apps.awaitRequest(appCallback, Duration.ofSeconds(30));
                assertThat(query(callback)).containsKey("code").containsEntry("iss", issuer);

                // 2. the app's tokens: the federated user, with Cognito's identities claim
                JsonNode signedIn = JSON.readTree(node("finish", rpState.toString(), callback, appSignedOut));
                JsonNode claims = signedIn.path("idTokenClaims");
                assertThat(claims.path("cognito:username").asText()).isEqualTo(PROVIDER + "_" + LOGIN);
                assertThat(claims.path("email").asText()).isEqualTo(LOGIN + "@example.com");
                assertThat(claims.path("iss").asText()).isEqualTo(issuer);
                JsonNode identities = claims.path("identities");
                assertThat(identities.isArray() && identities.size() == 1).as("identities: %s", identities).isTrue();
                assertThat(identities.get(0).path("providerName").asText()).isEqualTo(PROVIDER);
                assertThat(identities.get(0).path("providerType").asText()).isEqualTo("OIDC");
                assertThat(identities.get(0).path("userId").asText()).isEqualTo(LOGIN);
                assertThat(identities.get(0).path("primary").asText()).isEqualTo("true");
                assertThat(operator.adminGetUser(r -> r.userPoolId(poolId).username(PROVIDER + "_" + LOGIN)).userStatusAsString())
                        .isEqualTo("EXTERNAL_PROVIDER");

                // 3. identity-pool credentials for the federated user's ID token
                Credentials credentials = credentialsFor(poolId, clientId, signedIn.path("idToken").asText());
                assertThat(credentials.accessKeyId()).isNotBlank();
                assertThat(credentials.secretKey()).isNotBlank();
                assertThat(credentials.sessionToken()).isNotBlank();
                assertThat(credentials.expiration()).isAfter(Instant.now());

                // 4. identity_provider: straight to the provider, whose session signs the user in again without a page
                page.navigate(authorizeWithProvider(issuer, clientId));
                Map<String, String> again = query(apps.awaitRequest(appCallback, Duration.ofSeconds(30)));
                assertThat(again).containsKey("code").containsEntry("state", "straight-to-provider").containsEntry("iss", issuer);
            } catch (AssertionError | RuntimeException failure) {
                shot(page, "failed");
                throw failure;
            }
        } finally {
            Files.deleteIfExists(rpState);
        }
    }

    /** GetId and GetCredentialsForIdentity (unsigned, as an app calls them) with the ID token, in a pool trusting the user pool. */
    private Credentials credentialsFor(String poolId, String clientId, String idToken) {
        String provider = URI.create(userPoolUrl).getAuthority() + "/" + poolId;
        String identityPoolId = identityOperator.createIdentityPool(r -> r.identityPoolName("federation_journey")
                .allowUnauthenticatedIdentities(false)
                .cognitoIdentityProviders(CognitoIdentityProvider.builder().providerName(provider).clientId(clientId).build()))
                .identityPoolId();
        identityOperator.setIdentityPoolRoles(r -> r.identityPoolId(identityPoolId).roles(Map.of("authenticated", ROLE)));
        try (CognitoIdentityClient app = CognitoIdentityClient.builder().endpointOverride(URI.create(identityPoolUrl)).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create()).build()) {
            String identityId = app.getId(r -> r.identityPoolId(identityPoolId).logins(Map.of(provider, idToken))).identityId();
            assertThat(identityId).startsWith("us-east-1:");
            return app.getCredentialsForIdentity(r -> r.identityId(identityId).logins(Map.of(provider, idToken))).credentials();
        }
    }

    /** An authorization request of the app naming the provider (PKCE S256): the browser goes straight there. */
    private String authorizeWithProvider(String issuer, String clientId) throws Exception {
        String endpoint = JSON.readTree(URI.create(issuer + "/.well-known/openid-configuration").toURL()).path("authorization_endpoint").asText();
        String challenge = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest("a-verifier-of-forty-three-characters-or-more-federation".getBytes(StandardCharsets.US_ASCII)));
        return endpoint + "?response_type=code&client_id=" + clientId + "&redirect_uri="
                + java.net.URLEncoder.encode(appCallback, StandardCharsets.UTF_8) + "&scope=openid&state=straight-to-provider"
                + "&code_challenge=" + challenge + "&code_challenge_method=S256&identity_provider=" + PROVIDER;
    }

    /** Starts oidc-provider on a free loopback port, its clients redirecting to {@code redirectUri}; answers its issuer. */
    private String startUpstream(String redirectUri) throws IOException, InterruptedException {
        int port = Ports.pickFree(1)[0];
        upstream = new ProcessBuilder("node", "server.mjs", Integer.toString(port), redirectUri)
                .directory(UPSTREAM.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(upstream.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.startsWith("ready ")) {
                        return line.substring("ready ".length());
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String issuer = ready.get(30, TimeUnit.SECONDS);
            assertThat(issuer).as("oidc-provider started").isNotNull();
            return issuer;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("oidc-provider did not start", e);
        }
    }

    /** Stops the upstream provider (its stdin closes) and the apps' server. */
    @Override
    public void close() throws Exception {
        apps.close();
        if (upstream != null) {
            upstream.getOutputStream().close();
            if (!upstream.waitFor(10, TimeUnit.SECONDS)) {
                upstream.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
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
