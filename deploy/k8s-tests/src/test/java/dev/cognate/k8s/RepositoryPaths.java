package dev.cognate.k8s;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from the module directory Maven runs the tests in (deploy/k8s-tests). */
final class RepositoryPaths {

    static final Path ROOT = findRoot();

    private RepositoryPaths() {
    }

    private static Path findRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            if (Files.isDirectory(directory.resolve("deploy/helm/cognate")) && Files.isRegularFile(directory.resolve("pom.xml"))) {
                return directory;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("not inside the Cognate repository: " + Path.of("").toAbsolutePath());
    }
}
