package dev.cognate.hostedui.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Real Redis (libs/testkit) for every @QuarkusTest of this module, started once per JVM and given to the service as its
 * only infrastructure ({@link RedisOnlyInfraResource}). The testkit starts PostgreSQL and Kafka too, which this service
 * does not use: HealthAndMetricsTest stops them to prove its readiness ignores them.
 */
@WithTestResource(value = RedisOnlyInfraResource.class, scope = TestResourceScope.GLOBAL)
public class CognateTestInfrastructure {
}
