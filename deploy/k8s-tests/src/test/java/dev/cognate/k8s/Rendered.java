package dev.cognate.k8s;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** One render, strictly validated, with look-ups by kind and by service. */
record Rendered(String yaml, List<HasMetadata> resources) {

    /** The four services: component label, port. */
    static final Map<String, Integer> SERVICES = Map.of(
            "user-pool-service", 8081,
            "hosted-ui-service", 8082,
            "identity-pool-service", 8083,
            "trigger-runner", 8084);

    static Rendered of(String yaml) {
        return new Rendered(yaml, StrictManifests.parse(yaml));
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> kind, String name) {
        return all(kind).stream()
                .filter(resource -> resource.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name + " in\n" + yaml));
    }

    /** Resource name of a service's Deployment, Service, PDB, ...: "<release>-cognate-<service>" for release "cognate". */
    static String nameOf(String service) {
        return HelmChart.RELEASE + "-" + service;
    }

    Deployment deployment(String service) {
        return named(Deployment.class, nameOf(service));
    }

    Container container(String service) {
        List<Container> containers = deployment(service).getSpec().getTemplate().getSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError(service + " has " + containers.size() + " containers");
        }
        return containers.get(0);
    }

    Map<String, EnvVar> env(String service) {
        return container(service).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }

    /** The literal value of a variable, failing when it is absent or comes from a reference. */
    String envValue(String service, String name) {
        EnvVar variable = env(service).get(name);
        if (variable == null || variable.getValueFrom() != null) {
            throw new AssertionError(service + " has no literal " + name + ": " + variable);
        }
        return variable.getValue();
    }
}
