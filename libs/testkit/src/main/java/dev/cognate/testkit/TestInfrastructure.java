package dev.cognate.testkit;

import java.util.Map;

/**
 * Restart controls for the servers {@link CognateInfraResource} started, callable from inside a {@code @QuarkusTest}
 * method:
 *
 * <pre>{@code
 * TestInfrastructure.stopKafka();
 * // ... the service keeps working, events pile up in its producer ...
 * TestInfrastructure.startKafka(); // same port, same data
 * }</pre>
 *
 * Safe across Quarkus' class loaders (see {@link SharedInfrastructure}). In attach mode every control throws
 * {@link IllegalStateException}.
 */
public final class TestInfrastructure {

    private TestInfrastructure() {
    }

    /** The configuration {@link CognateInfraResource} gives the application (starts the servers if needed). */
    public static Map<String, String> quarkusConfig() {
        return ClassLoaderBridge.acquire();
    }

    public static void stopKafka() {
        ClassLoaderBridge.invokeControl("stopKafka");
    }

    public static void startKafka() {
        ClassLoaderBridge.invokeControl("startKafka");
    }

    public static void stopRedis() {
        ClassLoaderBridge.invokeControl("stopRedis");
    }

    public static void startRedis() {
        ClassLoaderBridge.invokeControl("startRedis");
    }

    public static void stopPostgres() {
        ClassLoaderBridge.invokeControl("stopPostgres");
    }

    public static void startPostgres() {
        ClassLoaderBridge.invokeControl("startPostgres");
    }
}
