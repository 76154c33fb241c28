package dev.cognate.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/** The public face of a production-shaped install (examples/production.yaml): hosts, paths, TLS, URLs, fences. */
class ChartIngressTest {

    private static final String IDP = "cognito-idp.id.example.com";
    private static final String IDENTITY = "cognito-identity.id.example.com";
    private static final String LOGIN = "login.id.example.com";
    private static final String POOL_DOMAINS = "*.auth.id.example.com";

    private static Rendered production;

    @BeforeAll
    static void render() {
        production = Rendered.of(HelmChart.renderProduction());
    }

    @Test
    void routesEachHostAndPathToTheServiceThatServesIt() {
        Map<String, Map<String, String>> routes = routes(production.all(Ingress.class).get(0));

        assertThat(routes).containsOnlyKeys(IDP, IDENTITY, LOGIN, POOL_DOMAINS);
        assertThat(routes.get(IDP)).containsExactly(Map.entry("/", "cognate-user-pool-service:8081"));
        assertThat(routes.get(IDENTITY)).containsExactly(Map.entry("/", "cognate-identity-pool-service:8083"));
        Map<String, String> login = Map.of(
                "/oauth2/token", "cognate-user-pool-service:8081",
                "/oauth2/revoke", "cognate-user-pool-service:8081",
                "/oauth2/userInfo", "cognate-user-pool-service:8081",
                "/", "cognate-hosted-ui-service:8082");
        assertThat(routes.get(LOGIN)).containsExactlyInAnyOrderEntriesOf(login);
        assertThat(routes.get(POOL_DOMAINS)).containsExactlyInAnyOrderEntriesOf(login);
    }

    @Test
    void neverExposesTheInternalApiOrTheTriggerRunner() {
        String backends = routes(production.all(Ingress.class).get(0)).values().toString();

        assertThat(backends).doesNotContain("8091").doesNotContain("trigger-runner");
    }

    @Test
    void terminatesTlsForEveryHostWithTheGivenCertificate() {
        Ingress ingress = production.all(Ingress.class).get(0);

        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getSecretName()).isEqualTo("cognate-tls");
            assertThat(tls.getHosts()).containsExactlyInAnyOrder(IDP, IDENTITY, LOGIN, POOL_DOMAINS);
        });
    }

    @Test
    void derivesTheIssuerAndLoginUrlsFromTheIngressHosts() {
        assertThat(production.envValue("user-pool-service", "COGNATE_PUBLIC_BASE_URL")).isEqualTo("https://" + IDP);
        assertThat(production.envValue("user-pool-service", "COGNATE_IMPORT_PUBLIC_BASE_URL")).isEqualTo("https://" + IDP);
        assertThat(production.envValue("user-pool-service", "COGNATE_HOSTED_UI_BASE_URL")).isEqualTo("https://" + LOGIN);
        assertThat(production.envValue("user-pool-service", "COGNATE_HOSTED_UI_PREFIX_DOMAIN_TEMPLATE"))
                .isEqualTo("https://{domain}.auth.id.example.com");
        assertThat(production.envValue("user-pool-service", "COGNATE_HOSTED_UI_CUSTOM_DOMAIN_TARGET")).isEqualTo(LOGIN);
        assertThat(production.envValue("hosted-ui-service", "COGNATE_ISSUER_BASE_URL")).isEqualTo("https://" + IDP);
        assertThat(production.envValue("hosted-ui-service", "COGNATE_PAGES_HSTS_ENABLED")).isEqualTo("true");
    }

    @Test
    void withoutTlsTheUrlsArePlainHttpAndHstsStaysOff() {
        Rendered plain = Rendered.of(HelmChart.render(HelmChart.PRODUCTION_VALUES, Map.of("ingress.tls.enabled", "false")));

        assertThat(plain.all(Ingress.class).get(0).getSpec().getTls()).isEmpty();
        assertThat(plain.envValue("user-pool-service", "COGNATE_PUBLIC_BASE_URL")).isEqualTo("http://" + IDP);
        assertThat(plain.envValue("hosted-ui-service", "COGNATE_PAGES_HSTS_ENABLED")).isEqualTo("false");
    }

    @Test
    void hostedUiCallsTheInternalPortOfUserPoolServiceWhichOnlyItMayReach() {
        assertThat(production.envValue("hosted-ui-service", "QUARKUS_REST_CLIENT_USER_POOL_INTERNAL_URL"))
                .isEqualTo("http://cognate-user-pool-service:8091");
        assertThat(production.envValue("hosted-ui-service", "QUARKUS_REST_CLIENT_USER_POOL_URL"))
                .as("the signing keys (JWKS) come from the public port").isEqualTo("http://cognate-user-pool-service:8081");
        assertThat(production.envValue("user-pool-service", "COGNATE_INTERNAL_API_PORT")).isEqualTo("8091");

        NetworkPolicy userPool = production.named(NetworkPolicy.class, "cognate-user-pool-service");
        for (NetworkPolicyIngressRule rule : userPool.getSpec().getIngress()) {
            List<Integer> ports = rule.getPorts().stream().map(NetworkPolicyPort::getPort).map(port -> port.getIntVal()).toList();
            if (ports.contains(8091)) {
                assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                    assertThat(peer.getNamespaceSelector()).isNull();
                    assertThat(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))
                            .isIn("hosted-ui-service", "identity-pool-service");
                });
            }
        }
        assertThat(userPool.getSpec().getIngress()).anySatisfy(rule -> assertThat(rule.getPorts())
                .anySatisfy(port -> assertThat(port.getPort().getIntVal()).isEqualTo(8091)));
    }

    @Test
    void identityPoolServiceReachesOnlyTheInternalPortForServerSideTokenCheck() {
        assertThat(production.envValue("identity-pool-service", "QUARKUS_REST_CLIENT_USER_POOL_INTERNAL_URL"))
                .isEqualTo("http://cognate-user-pool-service:8091");
        NetworkPolicy userPool = production.named(NetworkPolicy.class, "cognate-user-pool-service");
        assertThat(userPool.getSpec().getIngress()).filteredOn(rule -> rule.getFrom().stream().anyMatch(peer -> peer.getPodSelector() != null
                        && "identity-pool-service".equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))))
                .singleElement().satisfies(rule -> assertThat(rule.getPorts()).singleElement()
                        .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(8091)));
    }

    @Test
    void theInternalApiTakesNoCredentialItsPortAndNetworkPolicyGuardIt() {
        for (Rendered rendered : List.of(production, Rendered.of(HelmChart.renderDefaults()))) {
            for (String service : List.of("user-pool-service", "hosted-ui-service", "identity-pool-service", "trigger-runner")) {
                assertThat(rendered.env(service)).doesNotContainKey("COGNATE_INTERNAL_API_TOKEN");
            }
        }
        assertThatThrownBy(() -> HelmChart.render(null, Map.of("internalApi.existingSecret", "cognate-keys")))
                .as("a credential nothing would check is refused, not silently ignored")
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    @Test
    void letsOnlyUserPoolServiceReachTheTriggerRunnersInternalPortAndPrometheusItsMetrics() {
        NetworkPolicy withMonitoring = production.named(NetworkPolicy.class, "cognate-trigger-runner");
        assertThat(withMonitoring.getSpec().getIngress()).hasSize(2);
        assertOnlyUserPoolServiceReachesTheInvokeApi(withMonitoring.getSpec().getIngress().get(0));
        assertThat(withMonitoring.getSpec().getIngress().get(1)).satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "monitoring"));
            assertThat(rule.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(8084));
        });

        Rendered defaults = Rendered.of(HelmChart.renderDefaults());
        NetworkPolicy closed = defaults.named(NetworkPolicy.class, "cognate-trigger-runner");
        assertThat(closed.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(closed.getSpec().getIngress()).singleElement().satisfies(ChartIngressTest::assertOnlyUserPoolServiceReachesTheInvokeApi);
        assertThat(defaults.envValue("user-pool-service", "QUARKUS_REST_CLIENT_TRIGGER_RUNNER_URL")).isEqualTo("http://cognate-trigger-runner:8094");
        assertThat(defaults.envValue("trigger-runner", "COGNATE_INTERNAL_API_PORT")).isEqualTo("8094");
    }

    private static void assertOnlyUserPoolServiceReachesTheInvokeApi(NetworkPolicyIngressRule rule) {
        assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/component", "user-pool-service"));
        assertThat(rule.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(8094));
    }

    /** host -> (path -> "service:port"), in the order rendered. */
    private static Map<String, Map<String, String>> routes(Ingress ingress) {
        Map<String, Map<String, String>> routes = new LinkedHashMap<>();
        for (IngressRule rule : ingress.getSpec().getRules()) {
            Map<String, String> paths = new LinkedHashMap<>();
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                assertThat(path.getPathType()).isEqualTo("Prefix");
                paths.put(path.getPath(), path.getBackend().getService().getName() + ":"
                        + path.getBackend().getService().getPort().getNumber());
            }
            routes.put(rule.getHost(), paths);
        }
        return routes;
    }
}
