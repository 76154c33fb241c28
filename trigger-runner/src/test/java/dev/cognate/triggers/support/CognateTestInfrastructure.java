package dev.cognate.triggers.support;

import dev.cognate.testkit.CognateInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Real PostgreSQL, Redis and Kafka (libs/testkit) for every @QuarkusTest of this module, started once per JVM, and
 * the ports of the SMTP server and SMS gateway the delivery tests start.
 */
@WithTestResource(value = CognateInfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DeliveryTestPorts.class, scope = TestResourceScope.GLOBAL)
public class CognateTestInfrastructure {
}
