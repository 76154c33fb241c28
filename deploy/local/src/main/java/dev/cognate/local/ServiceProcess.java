package dev.cognate.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts one service from its fast-jar, {@code <module>/target/quarkus-app/quarkus-run.jar}, with its {@link ServiceJvmOptions}. */
final class ServiceProcess {

    private ServiceProcess() {
    }

    static ManagedProcess start(CognateService service, StackLayout layout, Map<String, String> environment)
            throws IOException, StartupException {
        Path jar = layout.serviceRunnerJar(service.name());
        if (!Files.isRegularFile(jar)) {
            throw new StartupException(service.name() + " is not built: " + jar
                    + " is missing. Build it with ./mvnw -B install -DskipTests");
        }
        Path log = layout.logFile(service.name());
        ProcessBuilder builder = new ProcessBuilder(JavaCommand.jar(ServiceJvmOptions.of(service.name(), System.getenv()), jar))
                .directory(layout.serviceDir(service.name()).toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new ManagedProcess(service.name(), builder.start(), log);
    }
}
