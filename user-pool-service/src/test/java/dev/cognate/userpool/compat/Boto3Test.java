package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpClients;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
        assumeTrue(ScriptClients.works("python3", "-c", "import boto3"), "python3 with boto3 is not installed (CI installs Debian's python3-boto3)");
        Process python = new ProcessBuilder("python3", Path.of("src/test/python/user_pools_with_boto3.py").toString(),
                endpoint.toString(), CognitoIdpClients.ACCESS_KEY, CognitoIdpClients.SECRET)
                .redirectErrorStream(true)
                .start();
        boolean finished = python.waitFor(120, TimeUnit.SECONDS);
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            python.destroyForcibly();
        }
        assertThat(finished).as("boto3 script finished within 2 minutes; output:%n%s", output).isTrue();
        assertThat(python.exitValue()).as("boto3 script output:%n%s", output).isZero();
        assertThat(output).contains("all checks passed");
    }
}
