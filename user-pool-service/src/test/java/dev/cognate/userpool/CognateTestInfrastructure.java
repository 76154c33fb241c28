package dev.cognate.userpool;

import dev.cognate.testkit.CognateInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Real PostgreSQL, Redis and Kafka for every test of this module (libs/testkit). */
@WithTestResource(value = CognateInfraResource.class, scope = TestResourceScope.GLOBAL)
public class CognateTestInfrastructure {
}
