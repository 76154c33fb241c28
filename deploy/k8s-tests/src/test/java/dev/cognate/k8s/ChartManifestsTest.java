package dev.cognate.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;

/** What every render must hold, for the chart's defaults and for a production-shaped values file. */
class ChartManifestsTest {

    static Stream<Arguments> renders() {
        return Stream.of(
                Arguments.of("defaults", Rendered.of(HelmChart.renderDefaults())),
                Arguments.of("examples/production.yaml", Rendered.of(HelmChart.renderProduction())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void rendersADeploymentAndAServiceForEachOfTheFourServices(String values, Rendered rendered) {
        for (Map.Entry<String, Integer> service : Rendered.SERVICES.entrySet()) {
            Container container = rendered.container(service.getKey());
            assertThat(container.getPorts()).anySatisfy(port -> {
                assertThat(port.getName()).isEqualTo("http");
                assertThat(port.getContainerPort()).isEqualTo(service.getValue());
            });
            assertThat(rendered.envValue(service.getKey(), "QUARKUS_HTTP_PORT")).isEqualTo(service.getValue().toString());
            assertThat(rendered.named(Service.class, Rendered.nameOf(service.getKey())).getSpec().getPorts())
                    .anySatisfy(port -> assertThat(port.getPort()).isEqualTo(service.getValue()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void runsEveryPodAsNonRootOnAReadOnlyRootWithAWritableTmpAndNoPrivileges(String values, Rendered rendered) {
        for (String service : Rendered.SERVICES.keySet()) {
            HardenedPods.assertHardened(rendered.deployment(service));
        }
        assertThat(rendered.all(ServiceAccount.class)).singleElement()
                .satisfies(account -> assertThat(account.getAutomountServiceAccountToken()).isFalse());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void probesEveryServiceOnQuarkusHealthEndpointsOfItsOwnPort(String values, Rendered rendered) {
        for (String service : Rendered.SERVICES.keySet()) {
            HardenedPods.assertProbed(rendered.container(service));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void pointsNothingAtLocalhost(String values, Rendered rendered) {
        assertThat(rendered.yaml()).doesNotContainIgnoringCase("localhost").doesNotContain("127.0.0.1").doesNotContain("::1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void takesEveryPasswordAndKeyFromAnExistingSecretAndCreatesNone(String values, Rendered rendered) {
        assertThat(rendered.all(Secret.class)).isEmpty();
        assertThat(rendered.all(ConfigMap.class)).isEmpty();
        for (String service : Rendered.SERVICES.keySet()) {
            for (EnvVar variable : rendered.env(service).values()) {
                if (HardenedPods.namesASecret(variable.getName())) {
                    assertThat(variable.getValue()).as("%s %s", service, variable.getName()).isNull();
                    assertThat(variable.getValueFrom().getSecretKeyRef()).as("%s %s", service, variable.getName()).isNotNull();
                }
            }
        }
        assertThat(rendered.env("user-pool-service")).containsKeys("QUARKUS_DATASOURCE_PASSWORD", "COGNATE_MASTER_KEY",
                "COGNATE_OPERATOR_ACCESS_KEYS");
        assertThat(rendered.env("trigger-runner")).containsKeys("QUARKUS_DATASOURCE_PASSWORD", "COGNATE_MASTER_KEY");
        // identity-pool-service seals vended session tokens and its identity-token signing keys under the master key.
        assertThat(rendered.env("identity-pool-service")).containsKeys("QUARKUS_DATASOURCE_PASSWORD", "COGNATE_MASTER_KEY",
                "COGNATE_OPERATOR_ACCESS_KEYS");
        // hosted-ui-service keeps sessions in Redis and asks user-pool-service for the rest: no database, no keys.
        assertThat(rendered.env("hosted-ui-service")).doesNotContainKeys("QUARKUS_DATASOURCE_PASSWORD", "COGNATE_MASTER_KEY",
                "COGNATE_OPERATOR_ACCESS_KEYS", "KAFKA_BOOTSTRAP_SERVERS");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void labelsEveryResourceWithTheRelease(String values, Rendered rendered) {
        for (HasMetadata resource : rendered.resources()) {
            assertThat(resource.getMetadata().getLabels())
                    .as("%s/%s", resource.getKind(), resource.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE)
                    .containsEntry("app.kubernetes.io/managed-by", "Helm");
        }
        List<String> kinds = rendered.resources().stream().map(HasMetadata::getKind).distinct().toList();
        assertThat(kinds).contains("Deployment", "Service", "Ingress", "PodDisruptionBudget", "NetworkPolicy", "ServiceAccount");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void boundsEveryJvmAndLeavesRoomAboveItsHeapInTheMemoryLimit(String values, Rendered rendered) {
        for (String service : Rendered.SERVICES.keySet()) {
            String options = rendered.envValue(service, "JAVA_OPTS");
            assertThat(options).as(service)
                    .containsPattern("-Xmx[0-9]+[mg]\\b")
                    .contains("-XX:ActiveProcessorCount=2", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=",
                            "-XX:MaxDirectMemorySize=", "-XX:ReservedCodeCacheSize=", "-XX:+ExitOnOutOfMemoryError",
                            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
            assertThat(rendered.envValue(service, "GC_CONTAINER_OPTIONS")).isEqualTo("-XX:+UseSerialGC");
            java.util.regex.Matcher heap = java.util.regex.Pattern.compile("-Xmx([0-9]+)([mg])").matcher(options);
            assertThat(heap.find()).isTrue();
            long heapMiB = Long.parseLong(heap.group(1)) * (heap.group(2).equals("g") ? 1024 : 1);
            long limitMiB = io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(
                    rendered.container(service).getResources().getLimits().get("memory")).longValue() / (1024 * 1024);
            assertThat(limitMiB).as("%s: memory limit above the heap plus metaspace, code cache, stacks", service)
                    .isGreaterThanOrEqualTo(heapMiB + 192);
        }
    }
}
