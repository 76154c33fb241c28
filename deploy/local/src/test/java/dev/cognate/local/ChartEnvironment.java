package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Helm chart (deploy/helm/cognate) gives one service's container: its environment, with every
 * {@code secretKeyRef} resolved from the Secrets an operator would have created, its port and its probe paths.
 */
record ChartEnvironment(String service, int port, Map<String, String> environment, List<String> probePaths) {

    static final String RELEASE = "cognate";

    /** Renders the chart with {@code values} (helm --set) and reads each Deployment's single container. */
    static Map<String, ChartEnvironment> render(Path repoRoot, Map<String, String> values,
            Map<String, Map<String, String>> secrets) throws IOException {
        Map<String, ChartEnvironment> services = new LinkedHashMap<>();
        for (JsonNode document : manifests(repoRoot, values)) {
            if ("Deployment".equals(document.path("kind").asText())) {
                ChartEnvironment container = of(document, secrets);
                services.put(container.service(), container);
            }
        }
        return services;
    }

    /** Every manifest the chart renders with {@code values} (helm --set), release {@value #RELEASE}. */
    static List<JsonNode> manifests(Path repoRoot, Map<String, String> values) throws IOException {
        TemplateCommand template = new Helm(repoRoot.resolve("deploy/helm/cognate")).template()
                .withName(RELEASE).withNamespace("identity").withKubeVersion("1.31.0");
        for (Map.Entry<String, String> value : values.entrySet()) {
            template = template.set(value.getKey(), value.getValue());
        }
        String yaml = template.call();
        ObjectMapper mapper = JsonMapper.builder().build();
        List<JsonNode> manifests = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            for (JsonNode document : mapper.readValues(parser, JsonNode.class).readAll()) {
                if (document != null) {
                    manifests.add(document);
                }
            }
        }
        return manifests;
    }

    private static ChartEnvironment of(JsonNode deployment, Map<String, Map<String, String>> secrets) {
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        if (containers.size() != 1) {
            throw new AssertionError(deployment.path("metadata").path("name").asText() + " has " + containers.size() + " containers");
        }
        JsonNode container = containers.get(0);
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            JsonNode secretRef = variable.path("valueFrom").path("secretKeyRef");
            if (!secretRef.isMissingNode()) {
                String secret = secretRef.path("name").asText();
                String key = secretRef.path("key").asText();
                String value = secrets.getOrDefault(secret, Map.of()).get(key);
                if (value == null) {
                    throw new AssertionError(name + " refers to Secret " + secret + " key " + key + ", which the operator's Secrets do not hold");
                }
                environment.put(name, value);
            } else if (variable.has("value")) {
                environment.put(name, variable.path("value").asText());
            } else {
                throw new AssertionError(name + " has neither a value nor a secretKeyRef: " + variable);
            }
        }
        int port = -1;
        for (JsonNode containerPort : container.path("ports")) {
            if ("http".equals(containerPort.path("name").asText())) {
                port = containerPort.path("containerPort").asInt();
            }
        }
        List<String> probes = new ArrayList<>();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            probes.add(container.path(probe).path("httpGet").path("path").asText());
        }
        return new ChartEnvironment(container.path("name").asText(), port, environment, probes);
    }
}
