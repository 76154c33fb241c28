package dev.cognate.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * The fields the API server requires of the kinds Cognate renders (the typed model accepts a manifest without them).
 */
final class RequiredFields {

    private RequiredFields() {
    }

    static List<String> missingIn(HasMetadata resource) {
        List<String> missing = new ArrayList<>();
        require(missing, resource.getApiVersion(), "apiVersion");
        require(missing, resource.getKind(), "kind");
        if (resource.getMetadata() == null) {
            missing.add("metadata");
            return missing;
        }
        require(missing, resource.getMetadata().getName(), "metadata.name");
        if (resource.getMetadata().getName() != null && resource.getMetadata().getName().length() > 63) {
            missing.add("metadata.name longer than 63 characters");
        }
        if (resource instanceof Deployment deployment) {
            deployment(deployment, missing);
        } else if (resource instanceof Service service) {
            service(service, missing);
        } else if (resource instanceof Ingress ingress) {
            ingress(ingress, missing);
        } else if (resource instanceof HorizontalPodAutoscaler hpa) {
            require(missing, hpa.getSpec().getScaleTargetRef().getName(), "spec.scaleTargetRef.name");
            require(missing, hpa.getSpec().getMaxReplicas(), "spec.maxReplicas");
        } else if (resource instanceof PodDisruptionBudget pdb) {
            require(missing, pdb.getSpec().getSelector(), "spec.selector");
        } else if (resource instanceof NetworkPolicy policy) {
            require(missing, policy.getSpec().getPodSelector(), "spec.podSelector");
        } else if (resource instanceof Job job) {
            podTemplate(job.getSpec().getTemplate(), "spec.template", missing);
        } else if (resource instanceof ServiceMonitor monitor) {
            require(missing, monitor.getSpec().getSelector(), "spec.selector");
            monitor.getSpec().getEndpoints().forEach(endpoint -> require(missing, endpoint.getPort(), "spec.endpoints[].port"));
        }
        return missing;
    }

    private static void deployment(Deployment deployment, List<String> missing) {
        if (deployment.getSpec() == null || deployment.getSpec().getSelector() == null) {
            missing.add("spec.selector");
            return;
        }
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        podTemplate(template, "spec.template", missing);
        if (template != null && template.getMetadata() != null
                && !template.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())) {
            missing.add("spec.template.metadata.labels matching spec.selector " + selector);
        }
    }

    private static void podTemplate(PodTemplateSpec template, String path, List<String> missing) {
        if (template == null || template.getSpec() == null) {
            missing.add(path + ".spec");
            return;
        }
        PodSpec pod = template.getSpec();
        if (pod.getContainers() == null || pod.getContainers().isEmpty()) {
            missing.add(path + ".spec.containers");
            return;
        }
        for (Container container : pod.getContainers()) {
            String where = path + ".spec.containers[" + container.getName() + "]";
            require(missing, container.getName(), where + ".name");
            require(missing, container.getImage(), where + ".image");
            for (EnvVar env : container.getEnv()) {
                require(missing, env.getName(), where + ".env[].name");
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    require(missing, env.getValueFrom().getSecretKeyRef().getName(), where + ".env[" + env.getName() + "].secretKeyRef.name");
                    require(missing, env.getValueFrom().getSecretKeyRef().getKey(), where + ".env[" + env.getName() + "].secretKeyRef.key");
                }
            }
            probe(container.getStartupProbe(), where + ".startupProbe", missing);
            probe(container.getLivenessProbe(), where + ".livenessProbe", missing);
            probe(container.getReadinessProbe(), where + ".readinessProbe", missing);
        }
    }

    private static void probe(Probe probe, String path, List<String> missing) {
        if (probe == null) {
            return;
        }
        boolean hasHandler = probe.getHttpGet() != null || probe.getTcpSocket() != null || probe.getExec() != null
                || probe.getGrpc() != null;
        if (!hasHandler) {
            missing.add(path + " handler");
        }
        if (probe.getHttpGet() != null) {
            require(missing, probe.getHttpGet().getPort(), path + ".httpGet.port");
        }
    }

    private static void service(Service service, List<String> missing) {
        if (service.getSpec().getPorts().isEmpty()) {
            missing.add("spec.ports");
        }
        for (ServicePort port : service.getSpec().getPorts()) {
            require(missing, port.getPort(), "spec.ports[].port");
        }
    }

    private static void ingress(Ingress ingress, List<String> missing) {
        for (IngressRule rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                require(missing, path.getPathType(), "spec.rules[" + rule.getHost() + "].paths[].pathType");
                require(missing, path.getBackend().getService().getName(), "spec.rules[].paths[].backend.service.name");
                require(missing, path.getBackend().getService().getPort().getNumber(), "spec.rules[].paths[].backend.service.port.number");
            }
        }
    }

    private static void require(List<String> missing, Object value, String path) {
        if (Objects.isNull(value) || (value instanceof String text && text.isBlank())) {
            missing.add(path);
        }
    }
}
