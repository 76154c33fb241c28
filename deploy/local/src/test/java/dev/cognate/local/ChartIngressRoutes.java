package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The routes of the Ingress the Helm chart renders: which host and path go to which service and port. A proxy configured
 * from these routes routes exactly as the chart asks an ingress controller to.
 */
final class ChartIngressRoutes {

    /** One path of one host: {@code service} is the chart's component name (user-pool-service, ...), without the release. */
    record Route(String host, String path, String pathType, String service, int port) {
    }

    private ChartIngressRoutes() {
    }

    static List<Route> render(Path repoRoot, Map<String, String> values) throws IOException {
        List<Route> routes = new ArrayList<>();
        String releasePrefix = ChartEnvironment.RELEASE + "-";
        for (JsonNode document : ChartEnvironment.manifests(repoRoot, values)) {
            if (!"Ingress".equals(document.path("kind").asText())) {
                continue;
            }
            for (JsonNode rule : document.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    JsonNode service = path.path("backend").path("service");
                    String name = service.path("name").asText();
                    if (!name.startsWith(releasePrefix)) {
                        throw new AssertionError("an Ingress backend outside the release: " + name);
                    }
                    routes.add(new Route(rule.path("host").asText(), path.path("path").asText(), path.path("pathType").asText(),
                            name.substring(releasePrefix.length()), service.path("port").path("number").asInt()));
                }
            }
        }
        return routes;
    }
}
