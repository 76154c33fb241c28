package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.cognate.testkit.Ports;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.cognate.local.PkceApp.query;
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
final class HostedFederationJourney implements BrowserJourney {

    private static final Path UPSTREAM = Path.of("../../user-pool-service/src/test/node-oidc-provider");
    private static final String PROVIDER = "Upstream";
    private static final String LOGIN = "ada";
    private static final String ROLE = "arn:aws:iam::000000000000:role/federated-journey";
    private static final String VERIFIER = "a-verifier-of-forty-three-characters-or-more-federation";

    private final CognitoIdentityProviderClient operator;
    private final CognitoIdentityClient identityOperator;
    private final String userPoolUrl;
    private final String identityPoolUrl;
    private final int hostedUiPort;
    private final AppCallbackServer apps = AppCallbackServer.start();
    private final String appCallback = apps.url("/fed-app/callback");
    private final String appSignedOut = apps.url("/fed-app/signed-out");
    private ScriptProcess upstream;

    HostedFederationJourney(CognitoIdentityProviderClient operator, CognitoIdentityClient identityOperator, String userPoolUrl,
                            String identityPoolUrl, int hostedUiPort) {
        this.operator = operator;
        this.identityOperator = identityOperator;
        this.userPoolUrl = userPoolUrl;
        this.identityPoolUrl = identityPoolUrl;
        this.hostedUiPort = hostedUiPort;
    }

    @Override
    public void run() throws Exception {
        Chromium.assumeInstalled();
        assumeTrue(RelyingParty.installed() && Files.isDirectory(UPSTREAM.resolve("node_modules/oidc-provider")),
                "needs node, deploy/local/src/test/node/node_modules and user-pool-service/src/test/node-oidc-provider/node_modules (CI runs npm ci there)");
        Screenshots screenshots = Screenshots.of("hosted-federation");

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

        try (RelyingParty relyingParty = RelyingParty.create();
             Chromium chromium = Chromium.forLoginDomains();
             BrowserContext context = chromium.newPhoneContext()) {
            Page page = context.newPage();
            screenshots.onFailure(page, "failed", () -> {
                // 1. the relying party's request; the provider's button on the hosted login; the provider's pages
                page.navigate(relyingParty.begin(issuer, clientId, appCallback));
                screenshots.shot(page, "sign-in");
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(PROVIDER)).click();
                page.waitForURL(url -> url.startsWith(upstreamIssuer + "/"));
                screenshots.shot(page, "provider-login");
                page.locator("input[name=login]").fill(LOGIN);
                page.locator("input[name=password]").fill("any-password");
                String loginPage = page.url();
                page.locator("button[type=submit]").first().click();
                // the provider's consent page (a new interaction) follows, unless it went straight back to the login domain
                page.waitForURL(url -> !url.equals(loginPage));
                if (page.url().startsWith(upstreamIssuer + "/")) {
                    screenshots.shot(page, "provider-consent");
                    page.locator("button[type=submit]").first().click();
                }
                String callback = apps.awaitRequest(appCallback, Duration.ofSeconds(30));
                assertThat(query(callback)).containsKey("code").containsEntry("iss", issuer);

                // 2. the app's tokens: the federated user, with Cognito's identities claim
                JsonNode signedIn = relyingParty.finish(callback, appSignedOut);
                JsonNode claims = signedIn.path("idTokenClaims");
                FederatedClaims.assertFederatedUser(claims, PROVIDER, "OIDC", LOGIN);
                assertThat(claims.path("email").asText()).isEqualTo(LOGIN + "@example.com");
                assertThat(claims.path("iss").asText()).isEqualTo(issuer);
                assertThat(operator.adminGetUser(r -> r.userPoolId(poolId).username(PROVIDER + "_" + LOGIN)).userStatusAsString())
                        .isEqualTo("EXTERNAL_PROVIDER");

                // 3. identity-pool credentials for the federated user's ID token
                Credentials credentials = credentialsFor(poolId, clientId, signedIn.path("idToken").asText());
                assertThat(credentials.accessKeyId()).isNotBlank();
                assertThat(credentials.secretKey()).isNotBlank();
                assertThat(credentials.sessionToken()).isNotBlank();
                assertThat(credentials.expiration()).isAfter(Instant.now());

                // 4. identity_provider: straight to the provider, whose session signs the user in again without a page
                page.navigate(new PkceApp(userPoolUrl, clientId, appCallback, VERIFIER).authorizationUrl(PkceApp.authorizationEndpoint(issuer),
                        Map.of("state", "straight-to-provider", "identity_provider", PROVIDER)));
                Map<String, String> again = query(apps.awaitRequest(appCallback, Duration.ofSeconds(30)));
                assertThat(again).containsKey("code").containsEntry("state", "straight-to-provider").containsEntry("iss", issuer);
            });
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

    /** Starts oidc-provider on a free loopback port, its clients redirecting to {@code redirectUri}; answers its issuer. */
    private String startUpstream(String redirectUri) throws IOException, InterruptedException {
        int port = Ports.pickFree(1)[0];
        upstream = ScriptProcess.start(new ProcessBuilder("node", "server.mjs", Integer.toString(port), redirectUri)
                .directory(UPSTREAM.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD), "oidc-provider", line -> line.startsWith("ready "));
        return upstream.readyLine().substring("ready ".length());
    }

    /** Stops the upstream provider (its stdin closes) and the apps' server. */
    @Override
    public void close() throws Exception {
        apps.close();
        if (upstream != null) {
            upstream.close();
        }
    }
}
