package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.api.HostedUiApi;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No password, code, token or secret in a log line: every record the service logs at any level while users sign up,
 * confirm, sign in (also wrongly, also through the hosted login's internal API), change a password, use a forged token, and an operator creates a client with a secret
 * and a user with a temporary password, is
 * captured and searched for each of those values.
 */
@QuarkusTest
class LogHygieneTest extends CognitoIdpTest {

    @Inject
    Pool db;

    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(' ').append(trace);
            }
            logged.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureEveryLogRecord() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void secretsNeverReachTheLog() {
        String poolId = cognito.createUserPool(r -> r.poolName("logs " + unique()).autoVerifiedAttributes(VerifiedAttributeType.EMAIL))
                .userPool().id();
        var client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app").generateSecret(true)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient();
        String secretHash = dev.cognate.userpool.service.ClientAuthenticator.secretHash(client.clientSecret(), "logger", client.clientId());
        String password = "Sign-Up-Passw0rd!";
        String newPassword = "Changed-Passw0rd!";
        String temporaryPassword = "Temporary-Passw0rd!";
        List<String> secrets = new ArrayList<>(List.of(client.clientSecret(), secretHash, password, newPassword, temporaryPassword));

        try (CognitoIdentityProviderClient app = CognitoIdpClients.anonymous(endpoint)) {
            app.signUp(r -> r.clientId(client.clientId()).secretHash(secretHash).username("logger").password(password)
                    .userAttributes(AdminUsersTest.attribute("email", "logger@example.com")));
            String code = Mailbox.latest(db, poolId, "logger@example.com").code();
            secrets.add(code);
            assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(client.clientId()).secretHash(secretHash).username("logger")
                    .confirmationCode(code.equals("000000") ? "111111" : "000000")));
            app.confirmSignUp(r -> r.clientId(client.clientId()).secretHash(secretHash).username("logger").confirmationCode(code));
            assertThatThrownBy(() -> app.initiateAuth(r -> r.clientId(client.clientId()).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", "logger", "PASSWORD", password + "-wrong", "SECRET_HASH", secretHash))));
            secrets.add(password + "-wrong");
            AuthenticationResultType tokens = app.initiateAuth(r -> r.clientId(client.clientId()).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", "logger", "PASSWORD", password, "SECRET_HASH", secretHash))).authenticationResult();
            secrets.addAll(List.of(tokens.accessToken(), tokens.idToken(), tokens.refreshToken()));
            app.changePassword(r -> r.accessToken(tokens.accessToken()).previousPassword(password).proposedPassword(newPassword));
            assertThatThrownBy(() -> app.getUser(r -> r.accessToken(tokens.accessToken() + "x")));
        }
        hostedLoginFlows(poolId, secrets);
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("invitee").temporaryPassword(temporaryPassword)
                .userAttributes(AdminUsersTest.attribute("email", "invitee@example.com")).messageAction(MessageActionType.SUPPRESS));

        org.jboss.logging.Logger.getLogger("dev.cognate.userpool.service").warn("log-hygiene-probe");
        assertThat(logged).as("the capture sees the service's log records").anyMatch(line -> line.contains("log-hygiene-probe"));
        for (String secret : secrets) {
            assertThat(logged).as("log lines containing a secret").noneMatch(line -> line.contains(secret));
        }
    }

    /** The hosted login's internal API: sign-up, a wrong and a right code, a wrong and a right password, a malformed body. */
    private void hostedLoginFlows(String poolId, List<String> secrets) {
        String hosted = HostedUiApi.hostedClient(cognito, poolId, null);
        String password = "Hosted-Passw0rd!";
        String overlong = "Hosted-" + "x".repeat(300);
        secrets.addAll(List.of(password, password + "-wrong", overlong));
        HostedUiApi.post(hosted, "sign-up", Map.of("username", "hosted-logger", "password", password,
                "attributes", Map.of("email", "hosted-logger@example.com")));
        String code = Mailbox.latest(db, poolId, "hosted-logger@example.com").code();
        secrets.add(code);
        HostedUiApi.post(hosted, "confirm-sign-up", Map.of("username", "hosted-logger", "code", code.equals("000000") ? "111111" : "000000"));
        HostedUiApi.post(hosted, "confirm-sign-up", Map.of("username", "hosted-logger", "code", code));
        HostedUiApi.post(hosted, "sign-in", Map.of("username", "hosted-logger", "password", password + "-wrong"));
        assertThat(HostedUiApi.post(hosted, "sign-in", Map.of("username", "hosted-logger", "password", password)).jsonPath()
                .getString("signedIn.username")).isEqualTo("hosted-logger");
        assertThat(HostedUiApi.post(hosted, "sign-in", Map.of("username", "hosted-logger", "password", overlong)).asString())
                .as("a refused password is not echoed").doesNotContain(overlong);
        HostedUiApi.postRaw(hosted, "sign-in", "{\"username\": \"hosted-logger\", \"password\": \"" + password + "\"");
    }
}
