package dev.cognate.userpool.trigger;

import dev.cognate.testkit.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A free port for trigger-runner's stand-in ({@link TriggerRunnerStandIn}) as {@code test.triggers.runner-port}:
 * the %test REST client points there. Nothing listens unless a trigger test started the stand-in, so every other
 * test's trigger call (none: their pools have no triggers) would fail closed.
 */
public class TriggerRunnerPort implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("test.triggers.runner-port", Integer.toString(Ports.pickFree(1)[0]));
    }

    @Override
    public void stop() {
    }
}
