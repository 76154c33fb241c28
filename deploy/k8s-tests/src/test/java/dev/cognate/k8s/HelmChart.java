package dev.cognate.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/** deploy/helm/cognate, linted and rendered by the Helm library helm-java embeds (no cluster, no helm binary). */
final class HelmChart {

    /** The Kubernetes version templates render for: the chart requires 1.30 or later (preStop sleep). */
    static final String KUBE_VERSION = "1.31.0";
    static final String RELEASE = "cognate";
    static final String NAMESPACE = "identity";

    static final Path DIRECTORY = RepositoryPaths.ROOT.resolve("deploy/helm/cognate");
    static final Path PRODUCTION_VALUES = DIRECTORY.resolve("examples/production.yaml");

    private HelmChart() {
    }

    static LintResult lintStrict() {
        return new Helm(DIRECTORY).lint().strict().call();
    }

    /** Renders with the chart's defaults plus {@code valuesFile} (may be null) and then {@code sets}, in that order. */
    static String render(Path valuesFile, Map<String, Object> sets) {
        return render(KUBE_VERSION, valuesFile, sets);
    }

    static String render(String kubeVersion, Path valuesFile, Map<String, Object> sets) {
        TemplateCommand template = new Helm(DIRECTORY).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(kubeVersion);
        if (valuesFile != null) {
            if (!Files.isRegularFile(valuesFile)) {
                throw new IllegalArgumentException("no values file " + valuesFile);
            }
            template = template.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return template.call();
    }

    static String renderDefaults() {
        return render(null, Map.of());
    }

    static String renderProduction() {
        return render(PRODUCTION_VALUES, Map.of());
    }
}
