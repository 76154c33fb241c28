package dev.cognate.userpool.compat;

import com.sun.net.httpserver.HttpServer;
import dev.cognate.testkit.ScriptRun;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Amplify JS v6 ({@code aws-amplify}), unchanged, against this service ({@code src/test/node/sign_in_with_amplify_v6.mjs}):
 * {@code signIn} with SRP into TOTP set-up ({@code CONTINUE_SIGN_IN_WITH_TOTP_SETUP}) and {@code confirmSignIn}, then
 * {@code CONFIRM_SIGN_IN_WITH_TOTP_CODE}; and passwordless {@code signIn} with {@code authFlowType: 'USER_AUTH'},
 * {@code preferredChallenge: 'EMAIL_OTP'} answered with the mailed code. CI installs Node and Amplify ({@code npm ci} in
 * src/test/node); without them the test is skipped and says why.
 */
@QuarkusTest
class AmplifyV6Test extends CognitoIdpTest {

    private static final Path SCRIPT_DIR = Path.of("src/test/node");
    private static final String PASSWORD = "Amplify-Passw0rd!";

    @Inject
    Pool db;

    @Test
    void amplifySetsUpTotpAnswersItAndSignsInWithAMailedCode() throws Exception {
        assumeTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/aws-amplify")) && ScriptRun.works("node", "--version"),
                "node and src/test/node/node_modules are needed (CI runs npm ci there)");
        String totpPool = newPool("amplify totp");
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(totpPool).mfaConfiguration(UserPoolMfaType.ON)
                .softwareTokenMfaConfiguration(t -> t.enabled(true)));
        String totpClient = cognito.createUserPoolClient(r -> r.userPoolId(totpPool).clientName("web")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        cognito.adminCreateUser(r -> r.userPoolId(totpPool).username("tina").messageAction(MessageActionType.SUPPRESS));
        cognito.adminSetUserPassword(r -> r.userPoolId(totpPool).username("tina").password(PASSWORD).permanent(true));

        String otpPool = cognito.createUserPool(r -> r.poolName("amplify otp " + unique())
                .policies(p -> p.signInPolicy(s -> s.allowedFirstAuthFactorsWithStrings("PASSWORD", "EMAIL_OTP")))).userPool().id();
        String otpClient = cognito.createUserPoolClient(r -> r.userPoolId(otpPool).clientName("web")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        cognito.adminCreateUser(r -> r.userPoolId(otpPool).username("otis").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("email").value("otis@example.com").build(),
                        AttributeType.builder().name("email_verified").value("true").build()));
        cognito.adminSetUserPassword(r -> r.userPoolId(otpPool).username("otis").password(PASSWORD).permanent(true));

        // the mail server's stand-in: the newest code the pool sent to an address, as trigger-runner would mail it
        HttpServer mail = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mail.createContext("/code", exchange -> {
            String to = URLDecoder.decode(exchange.getRequestURI().getRawQuery().replaceFirst("^to=", ""), StandardCharsets.UTF_8);
            byte[] body;
            int status;
            try {
                body = Mailbox.latest(db, otpPool, to).code().getBytes(StandardCharsets.UTF_8);
                status = 200;
            } catch (AssertionError none) {
                body = new byte[0];
                status = 404;
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        mail.start();
        try {
            ScriptRun node = ScriptRun.run(SCRIPT_DIR, Duration.ofMinutes(2), List.of("node", "sign_in_with_amplify_v6.mjs",
                    endpoint.toString().replaceAll("/$", ""), totpPool, totpClient, "tina", PASSWORD, otpPool, otpClient, "otis",
                    "http://127.0.0.1:" + mail.getAddress().getPort() + "/code"));
            assertThat(node.succeeded()).as("node (finished in 2 minutes: %s, exit %s) output:%n%s", node.finished(), node.exitCode(),
                    node.output()).isTrue();
            assertThat(node.output()).contains("all checks passed");
        } finally {
            mail.stop(0);
        }
    }
}
