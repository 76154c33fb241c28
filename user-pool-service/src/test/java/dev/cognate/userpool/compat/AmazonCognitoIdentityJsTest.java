package dev.cognate.userpool.compat;

import dev.cognate.testkit.ScriptRun;
import java.time.Duration;
import java.util.List;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * amazon-cognito-identity-js, unchanged, against this service: {@code src/test/node/sign_in_with_amazon_cognito_identity_js.mjs}
 * signs in with SRP, answers the new-password challenge, refreshes, reads the user, changes the password and signs out globally;
 * {@code totp_mfa_with_amazon_cognito_identity_js.mjs} sets TOTP up during sign-in (MFA_SETUP) and answers SOFTWARE_TOKEN_MFA. CI installs
 * Node and the library ({@code npm ci} in src/test/node, .ci/run); without them the test is skipped and says why.
 */
@QuarkusTest
class AmazonCognitoIdentityJsTest extends CognitoIdpTest {

    private static final Path SCRIPT_DIR = Path.of("src/test/node");

    @Test
    void theJavaScriptLibrarySignsInWithSrpRefreshesAndSignsOut() throws Exception {
        assumeTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/amazon-cognito-identity-js")) && ScriptRun.works("node", "--version"),
                "node and src/test/node/node_modules are needed (CI runs npm ci there)");
        String poolId = newPool("js");
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("jsuser").messageAction(MessageActionType.SUPPRESS));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("jsuser").password("Js-Passw0rd!").permanent(true));
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("invited").temporaryPassword("Temp-Passw0rd!")
                .messageAction(MessageActionType.SUPPRESS));

        ScriptRun node = ScriptRun.run(SCRIPT_DIR, Duration.ofMinutes(2), List.of("node", "sign_in_with_amazon_cognito_identity_js.mjs",
                endpoint.toString().replaceAll("/$", ""), poolId, clientId, "jsuser", "Js-Passw0rd!", "invited", "Temp-Passw0rd!"));
        assertThat(node.succeeded()).as("node (finished in 2 minutes: %s, exit %s) output:%n%s", node.finished(), node.exitCode(),
                node.output()).isTrue();
        assertThat(node.output()).contains("all checks passed");
    }

    @Test
    void theJavaScriptLibrarySetsUpTotpDuringSignInAndAnswersTheCodeChallenge() throws Exception {
        assumeTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/amazon-cognito-identity-js")) && ScriptRun.works("node", "--version"),
                "node and src/test/node/node_modules are needed (CI runs npm ci there)");
        String poolId = newPool("js totp");
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)
                .softwareTokenMfaConfiguration(t -> t.enabled(true)));
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("totpuser").messageAction(MessageActionType.SUPPRESS));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("totpuser").password("Js-Passw0rd!").permanent(true));

        ScriptRun node = ScriptRun.run(SCRIPT_DIR, Duration.ofMinutes(2), List.of("node", "totp_mfa_with_amazon_cognito_identity_js.mjs",
                endpoint.toString().replaceAll("/$", ""), poolId, clientId, "totpuser", "Js-Passw0rd!"));
        assertThat(node.succeeded()).as("node (finished in 2 minutes: %s, exit %s) output:%n%s", node.finished(), node.exitCode(),
                node.output()).isTrue();
        assertThat(node.output()).contains("all checks passed");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("totpuser")).preferredMfaSetting()).isEqualTo("SOFTWARE_TOKEN_MFA");
    }
}
