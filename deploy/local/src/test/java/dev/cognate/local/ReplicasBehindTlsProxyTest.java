package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.cognate.testkit.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The production shape on one machine: Debian's HAProxy terminates TLS (a certificate from a CA made for this test) and
 * routes by the hosts and paths of the Ingress the Helm chart renders, round-robin over <em>two</em> replicas each of
 * user-pool-service and hosted-ui-service (packaged jars, free ports; both user-pool replicas start together, so they
 * race for the migrations). hosted-ui-service reaches user-pool-service through HAProxy too, as through the cluster's
 * Services. Then, with clients that are not ours:
 * <ul>
 *   <li>openid-client does discovery against the public {@code https://} issuer (trusting the test CA only), and Chromium
 *       signs in through the hosted pages, whose requests the proxy spreads over both hosted-ui replicas;</li>
 *   <li>the tokens one user-pool replica issued are refreshed by the other (the proxy names the replica that answered);</li>
 *   <li>after GlobalSignOut on one replica, both replicas refuse the signed-out access token (GetUser) and refresh token.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ReplicasBehindTlsProxyTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(60);
    private static final Path RELYING_PARTY = RelyingParty.DIRECTORY;
    private static final String IDP_HOST = "cognito-idp.localhost";
    private static final String IDENTITY_HOST = "cognito-identity.localhost";
    private static final String LOGIN_HOST = "auth.localhost";
    private static final String USER_POOL = CognateService.USER_POOL.name();
    private static final String HOSTED_UI = CognateService.HOSTED_UI.name();
    private static final String PASSWORD = "Replicas-Passw0rd!";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackProcesses processes = new StackProcesses();
    private final List<ProcessHandle> started = new ArrayList<>();
    private final List<CognateService> userPoolReplicas = new ArrayList<>();
    private LocalCredentials credentials;
    private TestCertificateAuthority certificates;
    private HaproxyFrontDoor proxy;
    private int[] ports;
    private String idpUrl;
    private String loginUrl;

    @BeforeAll
    void startTwoReplicasOfEachBehindTheProxy(@TempDir Path temp) throws Exception {
        assumeTrue(Files.isExecutable(HaproxyFrontDoor.HAPROXY), "needs " + HaproxyFrontDoor.HAPROXY + " (apt-get install -y haproxy)");
        Chromium.assumeInstalled();
        assumeTrue(RelyingParty.installed(), "needs node and deploy/local/src/test/node/node_modules (CI runs npm ci there)");
        Path repoRoot = Path.of("../..").toAbsolutePath().normalize();
        ports = Ports.pickFree(12);
        InfraPorts infra = new InfraPorts(ports[0], ports[1], ports[2]);
        int[] userPoolPorts = {ports[3], ports[4]};
        int[] internalPorts = {ports[5], ports[6]};
        int[] hostedUiPorts = {ports[7], ports[8]};
        int httpsPort = ports[9];
        int userPoolServicePort = ports[10];
        int internalServicePort = ports[11];
        idpUrl = "https://" + IDP_HOST + ":" + httpsPort;
        loginUrl = "https://" + LOGIN_HOST + ":" + httpsPort;

        // The proxy routes as the chart's Ingress does for these hosts (with TLS, as in production).
        List<ChartIngressRoutes.Route> routes = ChartIngressRoutes.render(repoRoot, Map.of("ingress.hosts.idp", IDP_HOST,
                "ingress.hosts.identity", IDENTITY_HOST, "ingress.hosts.login", LOGIN_HOST, "ingress.hosts.poolDomains", LOGIN_HOST,
                "ingress.tls.enabled", "true", "ingress.tls.secretName", "cognate-tls"));
        assertThat(routes).extracting(ChartIngressRoutes.Route::service).contains(USER_POOL, HOSTED_UI);
        certificates = TestCertificateAuthority.create(temp.resolve("tls"),
                List.of(IDP_HOST, IDENTITY_HOST, LOGIN_HOST, "*." + LOGIN_HOST));

        StackLayout infrastructureLayout = new StackLayout(repoRoot, temp.resolve("infrastructure"), temp.resolve("data"));
        for (String service : List.of(USER_POOL, HOSTED_UI)) {
            assertThat(infrastructureLayout.serviceRunnerJar(service))
                    .as("%s must be packaged first (./mvnw -B package -DskipTests)", service).exists();
        }
        credentials = LocalCredentials.generate();
        Files.createDirectories(infrastructureLayout.logsDir());
        InfrastructureProcess infrastructure = InfrastructureProcess.start(infrastructureLayout, infra);
        processes.adoptInfrastructure(infrastructure.process());
        started.add(ProcessHandle.of(infrastructure.process().pid()).orElseThrow());
        infrastructure.awaitReady(START_TIMEOUT);

        Map<CognateService, ManagedProcess> running = new LinkedHashMap<>();
        for (int replica = 0; replica < 2; replica++) {
            CognateService userPool = new CognateService(USER_POOL, USER_POOL + " replica " + (replica + 1), userPoolPorts[replica],
                    Map.of("COGNATE_PUBLIC_BASE_URL", idpUrl, "COGNATE_IMPORT_PUBLIC_BASE_URL", idpUrl,
                            "COGNATE_HOSTED_UI_BASE_URL", loginUrl,
                            "COGNATE_HOSTED_UI_PREFIX_DOMAIN_TEMPLATE", "https://{domain}." + LOGIN_HOST + ":" + httpsPort,
                            "COGNATE_HOSTED_UI_CUSTOM_DOMAIN_TARGET", LOGIN_HOST,
                            "COGNATE_INTERNAL_API_PORT", Integer.toString(internalPorts[replica]),
                            "COGNATE_INTERNAL_API_HOST", Ports.LOOPBACK));
            CognateService hostedUi = new CognateService(HOSTED_UI, HOSTED_UI + " replica " + (replica + 1), hostedUiPorts[replica],
                    Map.of("QUARKUS_REST_CLIENT_USER_POOL_INTERNAL_URL", "http://" + Ports.LOOPBACK + ":" + internalServicePort,
                            "QUARKUS_REST_CLIENT_USER_POOL_URL", "http://" + Ports.LOOPBACK + ":" + userPoolServicePort,
                            "COGNATE_ISSUER_BASE_URL", idpUrl));
            userPoolReplicas.add(userPool);
            // Each replica its own log folder (the layout names a log after the service).
            StackLayout layout = new StackLayout(repoRoot, temp.resolve("replica-" + (replica + 1)), temp.resolve("data"));
            Files.createDirectories(layout.logsDir());
            for (CognateService service : List.of(userPool, hostedUi)) {
                ManagedProcess process = ServiceProcess.start(service, layout,
                        ServiceEnvironment.of(service, infra, "us-east-1", credentials, layout));
                processes.adoptService(process);
                started.add(ProcessHandle.of(process.pid()).orElseThrow());
                running.put(service, process);
            }
        }
        new ServiceReadiness().awaitAll(running, START_TIMEOUT);

        proxy = HaproxyFrontDoor.start(temp.resolve("haproxy"), httpsPort, certificates.proxyPem(), routes,
                Map.of(USER_POOL, List.of(userPoolPorts[0], userPoolPorts[1]), HOSTED_UI, List.of(hostedUiPorts[0], hostedUiPorts[1])),
                List.of(new HaproxyFrontDoor.ClusterService("user-pool-service-internal-api", internalServicePort,
                                List.of(internalPorts[0], internalPorts[1])),
                        new HaproxyFrontDoor.ClusterService("user-pool-service-public", userPoolServicePort,
                                List.of(userPoolPorts[0], userPoolPorts[1]))));
        started.add(ProcessHandle.of(proxy.pid()).orElseThrow());
    }

    @AfterAll
    void stopEverything() {
        if (proxy != null) {
            proxy.close();
        }
        processes.stopAll();
        assertThat(started).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aUserSignsInThroughTheProxyAndEveryReplicaHonoursTheTokensAndTheSignOut(@TempDir Path temp) throws Exception {
        String poolId;
        String clientId;
        try (AppCallbackServer app = AppCallbackServer.start()) {
            String callback = app.url("/callback");
            try (CognitoIdentityProviderClient operator = CognitoIdentityProviderClient.builder()
                    .endpointOverride(URI.create(userPoolReplicas.get(0).baseUrl())).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            credentials.operatorAccessKeyId(), credentials.operatorSecretAccessKey())))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                poolId = operator.createUserPool(r -> r.poolName("replicas")).userPool().id();
                String pool = poolId;
                // The pool's prefix domain: its hosted pages are on <prefix>.<login host>, the chart's wildcard host.
                operator.createUserPoolDomain(r -> r.userPoolId(pool).domain(domainPrefix(pool)));
                clientId = operator.createUserPoolClient(r -> r.userPoolId(pool).clientName("app").generateSecret(false)
                        .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CODE)
                        .allowedOAuthScopes("openid", "email", "profile", "aws.cognito.signin.user.admin")
                        .callbackURLs(callback).supportedIdentityProviders("COGNITO")).userPoolClient().clientId();
                operator.adminCreateUser(r -> r.userPoolId(pool).username("replicated").messageAction(MessageActionType.SUPPRESS)
                        .userAttributes(AttributeType.builder().name("email").value("replicated@example.test").build(),
                                AttributeType.builder().name("email_verified").value("true").build()));
                operator.adminSetUserPassword(r -> r.userPoolId(pool).username("replicated").password(PASSWORD).permanent(true));
            }
            String issuer = idpUrl + "/" + poolId;
            Path rpState = temp.resolve("relying-party.json");

            String authorizationUrl = node("begin", issuer, clientId, callback, rpState.toString());
            String poolLoginUrl = "https://" + domainPrefix(poolId) + "." + LOGIN_HOST + ":" + ports[9];
            assertThat(authorizationUrl).as("discovery names the pool's login domain behind the proxy")
                    .startsWith(poolLoginUrl + "/oauth2/authorize?");
            signInWithChromium(authorizationUrl, poolLoginUrl);
            String callbackUrl = app.awaitRequest(callback, Duration.ofSeconds(30));

            JsonNode result = JSON.readTree(node("finish", rpState.toString(), callbackUrl, idpUrl + "/"));
            assertThat(result.path("idTokenClaims").path("iss").asText()).isEqualTo(issuer);
            assertThat(result.path("idTokenClaims").path("cognito:username").asText()).isEqualTo("replicated");
            assertThat(result.path("userInfo").path("email").asText()).isEqualTo("replicated@example.test");

            String issuedBy = result.path("issuedBy").asText();
            assertThat(issuedBy).startsWith(USER_POOL + "-");
            JsonNode lastRefresh = last(result.path("refreshes"));
            assertThat(lastRefresh.path("outcome").asText()).as("refresh: %s", result.path("refreshes")).isEqualTo("tokens");
            assertThat(lastRefresh.path("replica").asText()).as("the refresh is served by the replica that did not issue the tokens")
                    .isNotEqualTo(issuedBy).startsWith(USER_POOL + "-");

            JsonNode signOut = result.path("signOut");
            assertThat(signOut.path("status").asInt()).as("GlobalSignOut: %s", signOut).isEqualTo(200);
            List<String> getUserReplicas = new ArrayList<>();
            for (JsonNode getUser : result.path("afterSignOut").path("getUser")) {
                assertThat(getUser.path("status").asInt()).as("GetUser after GlobalSignOut: %s", getUser).isEqualTo(400);
                assertThat(getUser.path("type").asText()).isEqualTo("NotAuthorizedException");
                getUserReplicas.add(getUser.path("replica").asText());
            }
            List<String> refreshReplicas = new ArrayList<>();
            for (JsonNode refresh : result.path("afterSignOut").path("refresh")) {
                assertThat(refresh.path("outcome").asText()).as("refresh after GlobalSignOut: %s", refresh).isEqualTo("invalid_grant");
                refreshReplicas.add(refresh.path("replica").asText());
            }
            assertThat(getUserReplicas).as("both replicas refused the signed-out access token")
                    .contains(signOut.path("replica").asText()).anyMatch(replica -> !replica.equals(signOut.path("replica").asText()));
            assertThat(refreshReplicas).as("both replicas refused the signed-out refresh token").containsAll(getUserReplicas.stream().distinct().toList());
        }

        // The sign-in pages were served by both hosted-ui replicas (their sessions are in Redis), every request of the
        // journey was routed by host (none fell through to the 404 default), and the API host reached both user-pool replicas.
        assertThat(proxy.requests()).as("no request failed in the proxy or a replica").noneMatch(request -> request.status() >= 500);
        assertThat(proxy.answeredBy(HOSTED_UI)).as("hosted-ui-service requests per replica (%s)", proxy.log())
                .containsOnlyKeys(HOSTED_UI + "-1", HOSTED_UI + "-2");
        assertThat(proxy.answeredBy(USER_POOL)).containsOnlyKeys(USER_POOL + "-1", USER_POOL + "-2");
        assertThat(proxy.answeredBy("no-rule")).isEmpty();
        assertThat(proxy.answeredBy("user-pool-service-internal-api")).as("hosted-ui-service used the internal API:%n%s",
                        Files.readString(proxy.log()))
                .containsOnlyKeys("user-pool-service-internal-api-1", "user-pool-service-internal-api-2");
    }

    /** The hosted sign-in form in Chromium, over TLS, its pages spread by the proxy over both hosted-ui replicas. */
    private void signInWithChromium(String authorizationUrl, String poolLoginUrl) {
        // Chromium has its own trust store (NSS), which a test cannot fill without certutil: it trusts
        // exactly the proxy's key, nothing else (not "ignore every certificate error").
        try (Chromium chromium = Chromium.launch("--ignore-certificate-errors-spki-list=" + certificates.serverKeyPin());
             BrowserContext context = chromium.newContext()) {
            Page page = context.newPage();
            page.navigate(authorizationUrl);
            assertThat(page.url()).as("the authorization endpoint sends the browser to the sign-in page on the login host")
                    .startsWith(poolLoginUrl + "/login?");
            page.locator("#username").fill("replicated");
            page.locator("#password").fill(PASSWORD);
            page.locator("button[type=submit]").click();
            page.waitForURL(url -> url.startsWith("http://localhost:"), new Page.WaitForURLOptions().setTimeout(30_000));
            // hosted-ui-service believed the proxy's X-Forwarded-Proto: its session cookies are Secure.
            assertThat(context.cookies(poolLoginUrl)).as("the hosted UI's cookies").isNotEmpty()
                    .allSatisfy(cookie -> assertThat(cookie.secure).as(cookie.name).isTrue());
        }
    }

    private static String domainPrefix(String poolId) {
        return "replicas-" + poolId.substring(poolId.indexOf('_') + 1).toLowerCase();
    }

    private static JsonNode last(JsonNode array) {
        assertThat(array.isArray() && !array.isEmpty()).as("a non-empty list: %s", array).isTrue();
        return array.get(array.size() - 1);
    }

    /** Runs the relying party with the test CA trusted; its answer is the last line of output. */
    private String node(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "replicated-relying-party.mjs"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(RELYING_PARTY.toFile()).redirectErrorStream(true);
        builder.environment().put("NODE_EXTRA_CA_CERTS", certificates.caPem().toString());
        Process process = builder.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e.getMessage() + ")";
            }
        });
        if (!process.waitFor(NODE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
        String text = output.join();
        assertThat(process.exitValue()).as("openid-client %s:%n%s", arguments[0], text).isZero();
        String[] lines = text.strip().split("\\R");
        return lines[lines.length - 1];
    }
}
