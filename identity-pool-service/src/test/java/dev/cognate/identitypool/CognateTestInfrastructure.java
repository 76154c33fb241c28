package dev.cognate.identitypool;

import dev.cognate.testkit.CognateInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Real PostgreSQL, Redis and Kafka (libs/testkit) for every {@code @QuarkusTest} of this module, and the port of the
 * local user pool issuer whose ID tokens the identity tests log in with, and of the other local login providers.
 */
@WithTestResource(value = CognateInfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = LocalIssuerPortResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = LocalLoginProvidersPortResource.class, scope = TestResourceScope.GLOBAL)
public class CognateTestInfrastructure {
}
