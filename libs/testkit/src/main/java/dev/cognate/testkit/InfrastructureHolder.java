package dev.cognate.testkit;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * Starts the infrastructure on first use and hands the same one to every later caller, or attaches to external
 * servers named in the environment. {@link SharedInfrastructure} keeps one per JVM.
 */
final class InfrastructureHolder {

    private static final Logger LOG = Logger.getLogger(InfrastructureHolder.class);

    private final Map<String, String> environment;
    private final Supplier<RunningInfrastructure> starter;
    private Map<String, String> config;
    private RunningInfrastructure embedded;

    InfrastructureHolder(Map<String, String> environment, Supplier<RunningInfrastructure> starter) {
        this.environment = environment;
        this.starter = starter;
    }

    /** The Quarkus configuration for the infrastructure, started or attached on the first call. */
    synchronized Map<String, String> acquire() {
        if (config == null) {
            Optional<AttachTarget> attachTarget = AttachTarget.fromEnvironment(environment);
            if (attachTarget.isPresent()) {
                config = attachTarget.get().quarkusConfig();
                LOG.infof("Attached to external infrastructure: %s", config);
            } else {
                embedded = starter.get();
                config = embedded.quarkusConfig();
            }
        }
        return config;
    }

    /** The embedded servers, for restart controls. */
    synchronized RunningInfrastructure embedded() {
        if (embedded != null) {
            return embedded;
        }
        if (config != null) {
            throw new IllegalStateException("Restart controls are not available in attach mode ("
                    + AttachTarget.POSTGRES + "/" + AttachTarget.REDIS + "/" + AttachTarget.KAFKA
                    + " are set): the servers belong to someone else");
        }
        throw new IllegalStateException("No embedded infrastructure has been started in this JVM. Register "
                + CognateInfraResource.class.getName() + " as a global test resource (see the testkit README)");
    }
}
