package dev.cognate.local;

import dev.cognate.testkit.EmbeddedInfrastructure;
import dev.cognate.testkit.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service jar started with exactly the environment the Helm chart renders for its container — the env names, the
 * Secrets' values where the chart refers to them, the public URLs derived from the ingress hosts — against real
 * PostgreSQL, Redis and Kafka: the wiring is proven, not guessed. Two things are changed, and checked before they are:
 * the ports (the chart's fixed 8081–8084 and 8091 may be taken by a developer's stack, so free ones replace them) and
 * the in-cluster addresses of user-pool-service (its internal API and its public port) in hosted-ui-service's and
 * identity-pool-service's environment (there is no cluster DNS here). Needs the services packaged first, like {@link WholeStackTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartEnvironmentTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final String IDP_HOST = "cognito-idp.cognate.test";
    private static final Map<String, Integer> CHART_PORTS = Map.of("user-pool-service", 8081, "hosted-ui-service", 8082,
            "identity-pool-service", 8083, "trigger-runner", 8084);

    private final StackProcesses processes = new StackProcesses();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, CognateService> services = new LinkedHashMap<>();
    private Map<String, ChartEnvironment> rendered;
    private LocalCredentials credentials;
    private int[] ports;

    @BeforeAll
    void startEachServiceWithTheChartsEnvironment(@TempDir Path temp) throws Exception {
        StackLayout layout = new StackLayout(Path.of("../..").toAbsolutePath().normalize(), temp.resolve("state"), temp.resolve("data"));
        ports = Ports.pickFree(10);
        InfraPorts infra = new InfraPorts(ports[0], ports[1], ports[2]);
        CHART_PORTS.keySet().forEach(service -> assertThat(layout.serviceRunnerJar(service))
                .as("%s must be packaged first (./mvnw -B package -DskipTests)", service).exists());
        credentials = LocalCredentials.generate();
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        // The Secrets an operator creates before installing, under the chart's default names and keys.
        Map<String, Map<String, String>> secrets = Map.of(
                "cognate-postgresql", Map.of("password", EmbeddedInfrastructure.DB_PASSWORD),
                "cognate-master-key", Map.of("master-key", Base64.getEncoder().encodeToString(masterKey)),
                "cognate-operator-keys", Map.of("access-keys",
                        credentials.operatorAccessKeyId() + ":" + credentials.operatorSecretAccessKey()));
        Map<String, String> values = Map.of(
                "postgresql.host", Ports.LOOPBACK,
                "postgresql.port", Integer.toString(infra.postgres()),
                "postgresql.username", EmbeddedInfrastructure.DB_USER,
                "redis.url", "redis://" + Ports.LOOPBACK + ":" + infra.redis(),
                "kafka.bootstrapServers", Ports.LOOPBACK + ":" + infra.kafka(),
                "smtp.host", Ports.LOOPBACK,
                "smtp.port", Integer.toString(ports[8]),
                "ingress.hosts.idp", IDP_HOST,
                "ingress.hosts.login", "auth.cognate.test",
                "ingress.hosts.poolDomains", "auth.cognate.test");
        rendered = new LinkedHashMap<>(ChartEnvironment.render(layout.repoRoot(), values, secrets));
        assertThat(rendered).containsOnlyKeys(CHART_PORTS.keySet());

        Files.createDirectories(layout.logsDir());
        InfrastructureProcess infrastructure = InfrastructureProcess.start(layout, infra);
        processes.adoptInfrastructure(infrastructure.process());
        infrastructure.awaitReady(START_TIMEOUT);

        Map<String, Integer> freePorts = Map.of("user-pool-service", ports[3], "hosted-ui-service", ports[4],
                "identity-pool-service", ports[5], "trigger-runner", ports[6]);
        int internalPort = ports[7];
        Map<CognateService, ManagedProcess> running = new LinkedHashMap<>();
        for (ChartEnvironment chart : rendered.values()) {
            int port = freePorts.get(chart.service());
            Map<String, String> environment = new LinkedHashMap<>(chart.environment());
            assertThat(chart.port()).isEqualTo(CHART_PORTS.get(chart.service()));
            assertThat(environment).containsEntry("QUARKUS_HTTP_PORT", Integer.toString(chart.port()));
            environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            if (chart.service().equals("user-pool-service")) {
                assertThat(environment).containsEntry("COGNATE_INTERNAL_API_PORT", "8091");
                environment.put("COGNATE_INTERNAL_API_PORT", Integer.toString(internalPort));
                assertThat(environment).containsEntry("QUARKUS_REST_CLIENT_TRIGGER_RUNNER_URL", "http://cognate-trigger-runner:8094");
                environment.put("QUARKUS_REST_CLIENT_TRIGGER_RUNNER_URL", "http://" + Ports.LOOPBACK + ":" + ports[9]);
            }
            if (chart.service().equals("trigger-runner")) {
                assertThat(environment).containsEntry("COGNATE_INTERNAL_API_PORT", "8094");
                environment.put("COGNATE_INTERNAL_API_PORT", Integer.toString(ports[9]));
            }
            if (chart.service().equals("hosted-ui-service")) {
                // Only Redis and user-pool-service: no database, no Kafka, and no credential for the internal API.
                assertThat(environment).doesNotContainKeys("COGNATE_DB_HOST", "QUARKUS_DATASOURCE_PASSWORD",
                        "KAFKA_BOOTSTRAP_SERVERS", "COGNATE_INTERNAL_API_TOKEN");
                assertThat(environment)
                        .containsEntry("QUARKUS_REST_CLIENT_USER_POOL_INTERNAL_URL", "http://cognate-user-pool-service:8091")
                        .containsEntry("QUARKUS_REST_CLIENT_USER_POOL_URL", "http://cognate-user-pool-service:8081");
                environment.put("QUARKUS_REST_CLIENT_USER_POOL_INTERNAL_URL", "http://" + Ports.LOOPBACK + ":" + internalPort);
                environment.put("QUARKUS_REST_CLIENT_USER_POOL_URL", "http://" + Ports.LOOPBACK + ":" + freePorts.get("user-pool-service"));
            }
            if (chart.service().equals("identity-pool-service")) {
                // ServerSideTokenCheck: the internal API, as hosted-ui-service reaches it
                assertThat(environment).containsEntry("QUARKUS_REST_CLIENT_USER_POOL_INTERNAL_URL", "http://cognate-user-pool-service:8091");
                environment.put("QUARKUS_REST_CLIENT_USER_POOL_INTERNAL_URL", "http://" + Ports.LOOPBACK + ":" + internalPort);
            }
            CognateService service = new CognateService(chart.service(), chart.service(), port, Map.of());
            services.put(chart.service(), service);
            ManagedProcess process = ServiceProcess.start(service, layout, environment);
            processes.adoptService(process);
            running.put(service, process);
        }
        new ServiceReadiness().awaitAll(running, START_TIMEOUT);
    }

    @AfterAll
    void stopEverything() {
        processes.stopAll();
    }

    @Test
    void everyServiceAnswersTheChartsProbesOnItsPort() throws Exception {
        for (ChartEnvironment chart : rendered.values()) {
            assertThat(chart.probePaths()).containsExactly("/q/health/started", "/q/health/live", "/q/health/ready");
            for (String path : chart.probePaths()) {
                HttpResponse<String> response = get(services.get(chart.service()).baseUrl() + path);
                assertThat(response.statusCode()).as("%s %s: %s", chart.service(), path, response.body()).isEqualTo(200);
            }
        }
    }

    @Test
    void userPoolServiceTakesItsIssuerFromTheIngressHostAndItsKeysFromTheSecrets() throws Exception {
        String poolId;
        try (CognitoIdentityProviderClient idp = userPoolClient()) {
            poolId = idp.createUserPool(r -> r.poolName("chart-environment")).userPool().id();
        }
        String base = services.get("user-pool-service").baseUrl() + "/" + poolId;

        HttpResponse<String> discovery = get(base + "/.well-known/openid-configuration");
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"issuer\":\"http://" + IDP_HOST + "/" + poolId + "\"");
        // The pool's first signing key is sealed under the master key from the Secret.
        HttpResponse<String> jwks = get(base + "/.well-known/jwks.json");
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).contains("\"kid\"");
    }

    @Test
    void hostedUiServiceRendersTheSignInPageOfAClientCreatedThroughTheApi() throws Exception {
        String poolId;
        String clientId;
        String callback = "https://app.cognate.test/callback";
        try (CognitoIdentityProviderClient idp = userPoolClient()) {
            poolId = idp.createUserPool(r -> r.poolName("chart-environment-login")).userPool().id();
            clientId = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app").generateSecret(false)
                    .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid")
                    .callbackURLs(callback).supportedIdentityProviders("COGNITO")).userPoolClient().clientId();
        }
        // A public client must send PKCE: the S256 challenge of a fixed verifier.
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest("a-verifier-of-forty-three-characters-or-more-1234".getBytes(StandardCharsets.US_ASCII)));
        String query = "client_id=" + clientId + "&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode(callback, StandardCharsets.UTF_8) + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        String hostedUi = services.get("hosted-ui-service").baseUrl();

        // The authorization endpoint looks the client up through the internal API and sends the browser to the form.
        HttpResponse<String> authorize = get(hostedUi + "/oauth2/authorize?" + query);
        assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
        assertThat(authorize.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).contains("/login?"));

        HttpResponse<String> login = get(hostedUi + "/login?" + query);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(login.body()).contains("<form", "name=\"password\"");
    }

    @Test
    void identityPoolServiceAcceptsTheOperatorKeysFromTheSecret() {
        try (CognitoIdentityClient identity = CognitoIdentityClient.builder()
                .endpointOverride(URI.create(services.get("identity-pool-service").baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(operator()).httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(identity.createIdentityPool(r -> r.identityPoolName("chart_environment").allowUnauthenticatedIdentities(false))
                    .identityPoolId()).startsWith("us-east-1:");
        }
    }

    private CognitoIdentityProviderClient userPoolClient() {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(services.get("user-pool-service").baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(operator()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private StaticCredentialsProvider operator() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(credentials.operatorAccessKeyId(), credentials.operatorSecretAccessKey()));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
