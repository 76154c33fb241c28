package dev.cognate.userpool.compat;

import dev.cognate.testkit.ScriptRun;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS SDK for JavaScript v3 signs in with choice-based authentication ({@code src/test/node/user_auth_with_aws_sdk_js_v3.mjs}):
 * USER_AUTH with PREFERRED_CHALLENGE PASSWORD, SELECT_CHALLENGE answered PASSWORD, GetUserAuthFactors, and the refusals
 * the SDK surfaces by name. CI installs Node and the SDK ({@code npm ci} in src/test/node); without them the test is skipped.
 */
@QuarkusTest
class UserAuthJsV3Test extends SignInFixture {

    private static final Path SCRIPT_DIR = Path.of("src/test/node");

    @Test
    void theJavaScriptSdkSignsInWithUserAuth() throws Exception {
        assumeTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/@aws-sdk/client-cognito-identity-provider")) && ScriptRun.works("node", "--version"),
                "node and src/test/node/node_modules are needed (CI runs npm ci there)");
        String client = newClient(java.util.List.of(ExplicitAuthFlowsType.ALLOW_USER_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH), false);
        createUser("jsuserauth", true);

        Process node = new ProcessBuilder("node", "user_auth_with_aws_sdk_js_v3.mjs", endpoint.toString().replaceAll("/$", ""), client,
                "jsuserauth", PASSWORD)
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
            }
        }
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        assertThat(finished).as("node finished within 2 minutes; output:%n%s", output).isTrue();
        assertThat(node.exitValue()).as("node output:%n%s", output).isZero();
        assertThat(output).contains("all checks passed");
    }
}
