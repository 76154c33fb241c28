package dev.cognate.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts one service from its fast-jar, {@code <module>/target/quarkus-app/quarkus-run.jar}, with its
 * {@link ServiceJvmOptions} and, for the stack itself, its {@link StartupArchive}.
 */
final class ServiceProcess {

    private ServiceProcess() {
    }

    /** Without a class-data-sharing archive (tests that start services of their own). */
    static ManagedProcess start(CognateService service, StackLayout layout, Map<String, String> environment)
            throws IOException, StartupException {
        return start(service, layout, environment, Optional.empty());
    }

    /** With {@code archive}'s options: it maps the archive of an earlier run, or writes one when it stops. */
    static ManagedProcess start(CognateService service, StackLayout layout, Map<String, String> environment,
            Optional<StartupArchive> archive) throws IOException, StartupException {
        Path jar = requireBuilt(service, layout);
        List<String> jvmOptions = new ArrayList<>(ServiceJvmOptions.of(service.name(), System.getenv()));
        archive.ifPresent(a -> jvmOptions.addAll(a.jvmOptions()));
        Path log = layout.logFile(service.name());
        ProcessBuilder builder = new ProcessBuilder(JavaCommand.jar(jvmOptions, jar))
                .directory(layout.serviceDir(service.name()).toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new ManagedProcess(service.name(), builder.start(), log);
    }

    /** The archive this build of {@code service} uses (see {@link StartupArchive}), unless it is switched off. */
    static Optional<StartupArchive> startupArchive(CognateService service, StackLayout layout)
            throws IOException, StartupException {
        requireBuilt(service, layout);
        return StartupArchive.of(service.name(), layout.serviceRunnerJar(service.name()).getParent(),
                ServiceJvmOptions.of(service.name(), System.getenv()), layout.startupArchiveDir(), System.getenv());
    }

    private static Path requireBuilt(CognateService service, StackLayout layout) throws StartupException {
        Path jar = layout.serviceRunnerJar(service.name());
        if (!Files.isRegularFile(jar)) {
            throw new StartupException(service.name() + " is not built: " + jar
                    + " is missing. Build it with ./mvnw -B install -DskipTests");
        }
        return jar;
    }
}
