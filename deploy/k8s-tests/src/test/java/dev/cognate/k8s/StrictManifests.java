package dev.cognate.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Rendered manifests, read strictly into fabric8's typed model: a kind fabric8 does not know (a misspelt kind or
 * apiVersion) fails, a field the model does not have (a misspelt field, one at the wrong level) fails, a value of the
 * wrong type fails, and the fields the API server would require are checked by {@link RequiredFields}.
 */
final class StrictManifests {

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StrictManifests() {
    }

    static List<HasMetadata> parse(String multiDocumentYaml) {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(multiDocumentYaml)) {
            if (isBlank(document)) {
                continue;
            }
            resources.add(parseOne(document));
        }
        if (resources.isEmpty()) {
            throw new AssertionError("nothing rendered");
        }
        return resources;
    }

    private static HasMetadata parseOne(String document) {
        KubernetesResource resource;
        try {
            resource = SERIALIZATION.unmarshal(document, KubernetesResource.class);
        } catch (RuntimeException e) {
            throw new AssertionError("not a valid manifest (" + e.getMessage() + "):\n" + document, e);
        }
        if (resource instanceof GenericKubernetesResource generic) {
            throw new AssertionError("unknown kind " + generic.getApiVersion() + "/" + generic.getKind() + ":\n" + document);
        }
        if (!(resource instanceof HasMetadata manifest)) {
            throw new AssertionError("not a top-level resource: " + resource.getClass().getName() + "\n" + document);
        }
        String where = manifest.getKind() + "/" + (manifest.getMetadata() == null ? "?" : manifest.getMetadata().getName());
        List<String> unknownFields = UnknownFields.in(manifest, where);
        if (!unknownFields.isEmpty()) {
            throw new AssertionError("fields the Kubernetes API does not have: " + unknownFields + "\n" + document);
        }
        List<String> missing = RequiredFields.missingIn(manifest);
        if (!missing.isEmpty()) {
            throw new AssertionError("required fields missing: " + missing + "\n" + document);
        }
        return manifest;
    }

    /** Helm prints a "# Source:" comment before each document; a document of only comments is empty. */
    private static boolean isBlank(String document) {
        return document.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("#"));
    }
}
