package dev.cognate.identitypool;

import dev.cognate.testkit.CognateInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Real PostgreSQL, Redis and Kafka (libs/testkit) for every {@code @QuarkusTest} of this module. */
@WithTestResource(value = CognateInfraResource.class, scope = TestResourceScope.GLOBAL)
public class CognateTestInfrastructure {
}
