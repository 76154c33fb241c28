package dev.cognate.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives every {@code @QuarkusTest} of a module real PostgreSQL, Redis and Kafka. Register it once per module, in the
 * test sources:
 *
 * <pre>{@code
 * @WithTestResource(value = CognateInfraResource.class, scope = TestResourceScope.GLOBAL)
 * public class CognateTestInfrastructure {
 * }
 * }</pre>
 *
 * The servers start on the first {@link #start()} (about 3 s) and are shared by all later ones, also when Quarkus
 * restarts for another test profile; they stop when the JVM exits. {@link #start()} returns the keys in
 * {@link QuarkusConfigKeys}. If {@code COGNATE_TEST_POSTGRES}, {@code COGNATE_TEST_REDIS} and
 * {@code COGNATE_TEST_KAFKA} are set, nothing is started and those servers are used instead.
 */
public class CognateInfraResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return ClassLoaderBridge.acquire();
    }

    /**
     * Deliberately does nothing: Quarkus calls this before every restart (new test profile), and restarting the
     * servers would cost seconds each time. A JVM shutdown hook stops them.
     */
    @Override
    public void stop() {
    }
}
