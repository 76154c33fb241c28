package dev.cognate.testkit;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The registration every service copies into its test sources: one class, anywhere under src/test/java, that is
 * not itself a test. GLOBAL scope applies the resource to every @QuarkusTest of the module.
 */
@WithTestResource(value = CognateInfraResource.class, scope = TestResourceScope.GLOBAL)
public class CognateTestInfrastructure {
}
