package dev.cognate.userpool.compat;

import dev.cognate.testkit.ScriptRun;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS SDK for JavaScript v3 drives the user flows ({@code src/test/node/user_flows_with_aws_sdk_js_v3.mjs}): SignUp,
 * ConfirmSignUp with the code a user would get by mail (read here from the pool's sealed delivery request and given
 * to the script), sign-in, GetUser, UpdateUserAttributes, ChangePassword, refresh and GlobalSignOut, with Cognito's
 * errors. CI installs Node and the SDK ({@code npm ci} in src/test/node, .ci/run); without them the test is skipped.
 */
@QuarkusTest
class AwsSdkJsV3Test extends CognitoIdpTest {

    private static final Path SCRIPT_DIR = Path.of("src/test/node");

    @Inject
    Pool db;

    @Test
    void theJavaScriptSdkSignsUpConfirmsSignsInAndSignsOut() throws Exception {
        assumeTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/@aws-sdk/client-cognito-identity-provider")) && ScriptRun.works("node", "--version"),
                "node and src/test/node/node_modules are needed (CI runs npm ci there)");
        String poolId = cognito.createUserPool(r -> r.poolName("js-v3 " + unique()).autoVerifiedAttributes(VerifiedAttributeType.EMAIL))
                .userPool().id();
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        String username = "js" + unique().replace("-", "");

        Process node = new ProcessBuilder("node", "user_flows_with_aws_sdk_js_v3.mjs", endpoint.toString().replaceAll("/$", ""), clientId, username)
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
             Writer stdin = new java.io.OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.equals("need code")) {
                    stdin.write(Mailbox.latest(db, poolId, username + "@example.com").code() + "\n");
                    stdin.flush();
                }
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
