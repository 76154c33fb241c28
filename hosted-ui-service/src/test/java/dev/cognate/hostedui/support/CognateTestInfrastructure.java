package dev.cognate.hostedui.support;

import dev.cognate.testkit.CognateInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Real PostgreSQL, Redis and Kafka (libs/testkit) for every @QuarkusTest of this module, started once per JVM. */
@WithTestResource(value = CognateInfraResource.class, scope = TestResourceScope.GLOBAL)
public class CognateTestInfrastructure {
}
