package dev.cognate.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** k8s/: the base and each overlay build with kubectl kustomize and hold what the chart holds. */
class KustomizeOverlaysTest {

    private static Path kubectl;

    @BeforeAll
    static void findKubectl() {
        Optional<String> unusable = Kustomize.unusableBecause();
        assumeTrue(unusable.isEmpty(), unusable::orElseThrow);
        kubectl = Kustomize.kubectl().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/development", "overlays/production"})
    void buildsFourHardenedProbedServicesWithSecretsFromExistingSecretsOnly(String directory) {
        List<HasMetadata> resources = StrictManifests.parse(Kustomize.build(kubectl, directory));

        List<Deployment> deployments = of(resources, Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Rendered.SERVICES.keySet());
        assertThat(of(resources, Secret.class)).isEmpty();
        for (Deployment deployment : deployments) {
            HardenedPods.assertHardened(deployment);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            HardenedPods.assertProbed(container);
            int port = Rendered.SERVICES.get(deployment.getMetadata().getName());
            assertThat(container.getPorts()).anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(port));
            assertThat(environment(resources, deployment)).containsEntry("QUARKUS_HTTP_PORT", Integer.toString(port));
            for (EnvVar variable : container.getEnv()) {
                if (HardenedPods.namesASecret(variable.getName())) {
                    assertThat(variable.getValueFrom().getSecretKeyRef()).as(variable.getName()).isNotNull();
                }
            }
        }
        for (ConfigMap config : of(resources, ConfigMap.class)) {
            assertThat(config.getData().keySet()).as(config.getMetadata().getName())
                    .noneMatch(HardenedPods::namesASecret);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/development", "overlays/production"})
    void namesTheIngressHostsInThePublicUrlsAndNothingLocal(String directory) {
        String yaml = Kustomize.build(kubectl, directory);
        List<HasMetadata> resources = StrictManifests.parse(yaml);
        assertThat(yaml).doesNotContainIgnoringCase("localhost").doesNotContain("127.0.0.1");

        Ingress ingress = of(resources, Ingress.class).get(0);
        List<String> hosts = ingress.getSpec().getRules().stream().map(IngressRule::getHost).toList();
        String scheme = ingress.getSpec().getTls().isEmpty() ? "http" : "https";
        Map<String, String> userPool = environment(resources, deployment(resources, "user-pool-service"));
        Map<String, String> hostedUi = environment(resources, deployment(resources, "hosted-ui-service"));

        assertThat(userPool.get("COGNATE_PUBLIC_BASE_URL")).isEqualTo(scheme + "://" + hosts.get(0));
        assertThat(hostedUi.get("COGNATE_ISSUER_BASE_URL")).isEqualTo(scheme + "://" + hosts.get(0));
        assertThat(userPool.get("COGNATE_HOSTED_UI_BASE_URL")).isEqualTo(scheme + "://" + hosts.get(2));
        assertThat(userPool.get("COGNATE_HOSTED_UI_PREFIX_DOMAIN_TEMPLATE"))
                .isEqualTo(scheme + "://" + hosts.get(3).replace("*", "{domain}"));
        assertThat(URI.create(hostedUi.get("QUARKUS_REST_CLIENT_USER_POOL_INTERNAL_URL")).getPort())
                .isEqualTo(Integer.parseInt(userPool.get("COGNATE_INTERNAL_API_PORT")));
        assertThat(URI.create(hostedUi.get("QUARKUS_REST_CLIENT_USER_POOL_URL")).getPort())
                .as("the signing keys (JWKS) come from the public port").isEqualTo(8081);
        assertThat(hostedUi).doesNotContainKeys("COGNATE_INTERNAL_API_TOKEN", "COGNATE_DB_HOST", "KAFKA_BOOTSTRAP_SERVERS");
        if (scheme.equals("https")) {
            assertThat(ingress.getSpec().getTls()).singleElement()
                    .satisfies(tls -> assertThat(tls.getHosts()).containsExactlyInAnyOrderElementsOf(hosts));
        }
        String backends = ingress.getSpec().getRules().toString();
        assertThat(backends).doesNotContain("8091").doesNotContain("trigger-runner");
    }

    @Test
    void developmentRunsOneReplicaEachWithoutDisruptionBudgets() {
        List<HasMetadata> resources = StrictManifests.parse(Kustomize.build(kubectl, "overlays/development"));

        assertThat(of(resources, Deployment.class)).allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(1));
        assertThat(of(resources, PodDisruptionBudget.class)).isEmpty();
        assertThat(resources).allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isEqualTo("cognate-dev"));
    }

    @Test
    void productionScalesEveryServiceWithAnHpaAndKeepsTwoPodsThroughDisruptions() {
        List<HasMetadata> resources = StrictManifests.parse(Kustomize.build(kubectl, "overlays/production"));

        assertThat(of(resources, Deployment.class)).allSatisfy(d -> {
            assertThat(d.getSpec().getReplicas()).as("the HPA owns replicas").isNull();
            assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .startsWith("registry.internal.example.com/identity/cognate/").endsWith(":0.1.0");
        });
        assertThat(of(resources, HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrderElementsOf(Rendered.SERVICES.keySet());
        assertThat(of(resources, PodDisruptionBudget.class)).hasSize(4)
                .allSatisfy(pdb -> assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(2));
        assertThat(environment(resources, deployment(resources, "hosted-ui-service"))).containsEntry("COGNATE_PAGES_HSTS_ENABLED", "true");
    }

    private static <T extends HasMetadata> List<T> of(List<HasMetadata> resources, Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static Deployment deployment(List<HasMetadata> resources, String name) {
        return of(resources, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    /** The literal environment a container gets: its ConfigMaps (envFrom) overlaid by its own literal env entries. */
    private static Map<String, String> environment(List<HasMetadata> resources, Deployment deployment) {
        Map<String, ConfigMap> configMaps = of(resources, ConfigMap.class).stream()
                .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> environment = new HashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            ConfigMap config = configMaps.get(source.getConfigMapRef().getName());
            assertThat(config).as("ConfigMap %s of %s", source.getConfigMapRef().getName(), deployment.getMetadata().getName()).isNotNull();
            environment.putAll(config.getData());
        }
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValue() != null) {
                environment.put(variable.getName(), variable.getValue());
            }
        }
        return environment;
    }
}
