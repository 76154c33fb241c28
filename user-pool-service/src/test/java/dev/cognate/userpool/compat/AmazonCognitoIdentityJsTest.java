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

import com.sun.net.httpserver.HttpServer;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * amazon-cognito-identity-js, unchanged, against this service: {@code src/test/node/sign_in_with_amazon_cognito_identity_js.mjs}
 * signs in with SRP, answers the new-password challenge, refreshes, reads the user, changes the password and signs out globally;
 * {@code totp_mfa_with_amazon_cognito_identity_js.mjs} sets TOTP up during sign-in (MFA_SETUP) and answers SOFTWARE_TOKEN_MFA;
 * {@code sms_mfa_with_amazon_cognito_identity_js.mjs} answers SMS_MFA (mfaRequired / sendMFACode) and SELECT_MFA_TYPE
 * (selectMFAType / sendMFASelectionAnswer) with the codes the SMS gateway would receive. CI installs
 * Node and the library ({@code npm ci} in src/test/node, .ci/run); without them the test is skipped and says why.
 */
@QuarkusTest
class AmazonCognitoIdentityJsTest extends CognitoIdpTest {

    private static final Path SCRIPT_DIR = Path.of("src/test/node");

    @Inject
    Pool db;

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

    @Test
    void theJavaScriptLibraryAnswersSmsMfaAndSelectsAnMfaType() throws Exception {
        assumeTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/amazon-cognito-identity-js")) && ScriptRun.works("node", "--version"),
                "node and src/test/node/node_modules are needed (CI runs npm ci there)");
        String poolId = newPool("js sms");
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .smsMfaConfiguration(s -> s.smsAuthenticationMessage("Your code is {####}")
                        .smsConfiguration(c -> c.snsCallerArn("arn:aws:iam::123456789012:role/cognito-sms")))
                .emailMfaConfiguration(e -> e.subject("Your code").message("Your code is {####}")));
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        for (String[] user : new String[][]{{"smsuser", "+15555550100"}, {"chooser", "+15555550101"}}) {
            cognito.adminCreateUser(r -> r.userPoolId(poolId).username(user[0]).messageAction(MessageActionType.SUPPRESS).userAttributes(
                    AttributeType.builder().name("phone_number").value(user[1]).build(),
                    AttributeType.builder().name("phone_number_verified").value("true").build(),
                    AttributeType.builder().name("email").value(user[0] + "@example.com").build()));
            cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username(user[0]).password("Js-Passw0rd!").permanent(true));
        }
        cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("smsuser").smsMfaSettings(s -> s.enabled(true).preferredMfa(true)));
        cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("chooser").smsMfaSettings(s -> s.enabled(true))
                .emailMfaSettings(s -> s.enabled(true)));

        // the SMS gateway's stand-in: the newest code the pool sent to a phone number, as trigger-runner would text it
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/code", exchange -> {
            String to = URLDecoder.decode(exchange.getRequestURI().getRawQuery().replaceFirst("^to=", ""), StandardCharsets.UTF_8);
            byte[] body;
            int status;
            try {
                body = Mailbox.latest(db, poolId, to).code().getBytes(StandardCharsets.UTF_8);
                status = 200;
            } catch (AssertionError none) {
                body = new byte[0];
                status = 404;
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        gateway.start();
        try {
            ScriptRun node = ScriptRun.run(SCRIPT_DIR, Duration.ofMinutes(2), List.of("node", "sms_mfa_with_amazon_cognito_identity_js.mjs",
                    endpoint.toString().replaceAll("/$", ""), poolId, clientId, "Js-Passw0rd!", "smsuser", "chooser",
                    "http://127.0.0.1:" + gateway.getAddress().getPort() + "/code"));
            assertThat(node.succeeded()).as("node (finished in 2 minutes: %s, exit %s) output:%n%s", node.finished(), node.exitCode(),
                    node.output()).isTrue();
            assertThat(node.output()).contains("all checks passed");
        } finally {
            gateway.stop(0);
        }
    }
}
