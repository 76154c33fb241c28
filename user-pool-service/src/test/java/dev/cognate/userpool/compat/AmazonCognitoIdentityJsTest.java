package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * amazon-cognito-identity-js, unchanged, against this service: {@code src/test/node/sign_in_with_amazon_cognito_identity_js.mjs}
 * signs in with SRP, answers the new-password challenge, refreshes, reads the user, changes the password and signs out globally. CI installs
 * Node and the library ({@code npm ci} in src/test/node, .ci/run); without them the test is skipped and says why.
 */
@QuarkusTest
class AmazonCognitoIdentityJsTest extends CognitoIdpTest {

    private static final Path SCRIPT_DIR = Path.of("src/test/node");

    @Test
    void theJavaScriptLibrarySignsInWithSrpRefreshesAndSignsOut() throws Exception {
        assumeTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/amazon-cognito-identity-js")) && ScriptClients.works("node", "--version"),
                "node and src/test/node/node_modules are needed (CI runs npm ci there)");
        String poolId = newPool("js");
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("jsuser").messageAction(MessageActionType.SUPPRESS));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("jsuser").password("Js-Passw0rd!").permanent(true));
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("invited").temporaryPassword("Temp-Passw0rd!")
                .messageAction(MessageActionType.SUPPRESS));

        Process node = new ProcessBuilder("node", "sign_in_with_amazon_cognito_identity_js.mjs", endpoint.toString().replaceAll("/$", ""),
                poolId, clientId, "jsuser", "Js-Passw0rd!", "invited", "Temp-Passw0rd!")
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true)
                .start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            node.destroyForcibly();
        }
        assertThat(finished).as("node finished within 2 minutes; output:%n%s", output).isTrue();
        assertThat(node.exitValue()).as("node output:%n%s", output).isZero();
        assertThat(output).contains("all checks passed");
    }
}
