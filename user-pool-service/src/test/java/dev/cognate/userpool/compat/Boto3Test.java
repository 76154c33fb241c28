package dev.cognate.userpool.compat;

import dev.cognate.testkit.ScriptRun;
import java.time.Duration;
import java.util.List;
import dev.cognate.userpool.CognitoIdpClients;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The admin API as a Python team calls it: {@code src/test/python/user_pools_with_boto3.py} drives pools, clients,
 * users, groups, ListUsers filters and pagination, domains, identity providers and Cognito's errors through boto3,
 * whose botocore models and parsers are not ours. CI installs Debian's python3-boto3 (.ci/run); on a machine
 * without it the test is skipped and says why.
 */
@QuarkusTest
class Boto3Test {

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void botoDrivesTheAdminApiAndTheUserFlows() throws Exception {
        assumeTrue(ScriptRun.works("python3", "-c", "import boto3"), "python3 with boto3 is not installed (CI installs Debian's python3-boto3)");
        ScriptRun python = ScriptRun.run(Path.of("."), Duration.ofMinutes(2), List.of("python3",
                Path.of("src/test/python/user_pools_with_boto3.py").toString(), endpoint.toString(), CognitoIdpClients.ACCESS_KEY,
                CognitoIdpClients.SECRET));
        assertThat(python.succeeded()).as("boto3 script (finished in 2 minutes: %s, exit %s) output:%n%s", python.finished(),
                python.exitCode(), python.output()).isTrue();
        assertThat(python.output()).contains("all checks passed");
    }
}
