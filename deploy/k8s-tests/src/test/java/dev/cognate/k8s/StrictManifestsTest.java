package dev.cognate.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The validator itself: each check fails on the mistake it exists for, so a green render means something. */
class StrictManifestsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      readinessProbe:
                        httpGet: {path: /q/health/ready, port: http}
            """;

    @Test
    void readsAValidManifestIntoTheTypedModel() {
        assertThat(StrictManifests.parse("# Source: demo\n---\n" + DEPLOYMENT)).singleElement().isInstanceOf(Deployment.class);
    }

    @Test
    void rejectsAMisspeltField() {
        assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.replace("readinessProbe", "readinesProbe")))
                .hasMessageContaining("Deployment/demo.spec.template.spec.containers[0].readinesProbe");
    }

    @Test
    void rejectsAFieldAtTheWrongLevel() {
        assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.replace("      image: demo:1", "      image: demo:1\n          runAsNonRoot: true")))
                .hasMessageContaining("containers[0].runAsNonRoot");
    }

    @Test
    void rejectsAnUnknownKind() {
        assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.replace("kind: Deployment", "kind: Deploymnet")))
                .hasMessageContaining("unknown kind apps/v1/Deploymnet");
    }

    @Test
    void rejectsAValueOfTheWrongType() {
        assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.replace("spec:\n  selector", "spec:\n  replicas: two\n  selector")))
                .hasMessageContaining("not a valid manifest");
    }

    @Test
    void rejectsAContainerWithoutImage() {
        assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.replace("          image: demo:1\n", "")))
                .hasMessageContaining("required fields missing").hasMessageContaining(".image");
    }

    @Test
    void rejectsPodLabelsThatTheSelectorDoesNotMatch() {
        assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.replace("labels: {app: demo}", "labels: {app: other}")))
                .hasMessageContaining("matching spec.selector");
    }
}
