package dev.cognate.userpool;

import dev.cognate.testkit.CognateInfraResource;
import dev.cognate.userpool.trigger.TriggerRunnerPort;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Real PostgreSQL, Redis and Kafka for every test of this module (libs/testkit), and a port for trigger-runner's
 * test stand-in ({@link TriggerRunnerPort}).
 */
@WithTestResource(value = CognateInfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TriggerRunnerPort.class, scope = TestResourceScope.GLOBAL)
public class CognateTestInfrastructure {
}
