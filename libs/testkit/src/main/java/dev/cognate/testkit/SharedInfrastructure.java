package dev.cognate.testkit;

import java.util.Map;

/**
 * The one infrastructure of a test JVM, shared by every {@code @QuarkusTest} and kept until the JVM exits.
 * <p>
 * Internal: reached through {@link ClassLoaderBridge}, always as the copy of this class in the system class loader,
 * because Quarkus loads the test resource and the tests in class loaders of their own, each with its own copy of
 * the testkit's classes and statics. Public only so that reflective calls from those other copies are allowed.
 */
public final class SharedInfrastructure {

    private static final InfrastructureHolder HOLDER = new InfrastructureHolder(System.getenv(),
            () -> EmbeddedInfrastructure.start(InfraOptions.ephemeral()));

    private SharedInfrastructure() {
    }

    /** Starts the embedded servers (or attaches) on the first call; returns the Quarkus configuration. */
    public static Map<String, String> acquire() {
        return HOLDER.acquire();
    }

    public static void stopKafka() {
        HOLDER.embedded().stopKafka();
    }

    public static void startKafka() {
        HOLDER.embedded().startKafka();
    }

    public static void stopRedis() {
        HOLDER.embedded().stopRedis();
    }

    public static void startRedis() {
        HOLDER.embedded().startRedis();
    }

    public static void stopPostgres() {
        HOLDER.embedded().stopPostgres();
    }

    public static void startPostgres() {
        HOLDER.embedded().startPostgres();
    }
}
