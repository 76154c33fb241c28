package dev.cognate.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** What every Cognate pod must look like, whether Helm or kustomize rendered it. */
final class HardenedPods {

    /**
     * True for an environment variable or config key that names a secret (a password, key, token or secret by its last
     * word), which must come from a Secret: {@code COGNATE_MASTER_KEY}, {@code QUARKUS_DATASOURCE_PASSWORD}, ... but not
     * {@code COGNATE_IDENTITY_TOKENS_ISSUER}, a URL that merely mentions tokens.
     */
    static boolean namesASecret(String name) {
        return name.matches(".*(PASSWORD|_KEY|_KEYS|_TOKEN|_SECRET)");
    }

    private HardenedPods() {
    }

    /** Non-root, read-only root with a writable /tmp, no privileges, no API token, resources, drained on stop. */
    static void assertHardened(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isNotZero();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
        assertThat(pod.getTopologySpreadConstraints()).extracting("topologyKey").as(name)
                .contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");

        assertThat(pod.getContainers()).as(name).hasSize(1);
        Container container = pod.getContainers().get(0);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
        assertThat(container.getSecurityContext().getPrivileged()).as(name).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(name).containsExactly("ALL");
        assertThat(container.getVolumeMounts()).as(name).anySatisfy(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/tmp");
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            assertThat(volume.getEmptyDir()).isNotNull();
        });
        assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
        assertThat(container.getLifecycle().getPreStop()).as("%s drains before stopping", name).isNotNull();
    }

    /** Startup, liveness and readiness on Quarkus's health endpoints, on the container's own "http" port. */
    static void assertProbed(Container container) {
        assertHttpProbe(container.getStartupProbe(), "/q/health/started");
        assertHttpProbe(container.getLivenessProbe(), "/q/health/live");
        assertHttpProbe(container.getReadinessProbe(), "/q/health/ready");
        assertThat(container.getPorts()).anySatisfy(port -> assertThat(port.getName()).isEqualTo("http"));
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }
}
