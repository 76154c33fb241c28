package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.testkit.ScriptRun;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The tests' software authenticator is checked by a second, independent WebAuthn implementation: the registration and the
 * assertion it made for Cognate's real options (which Cognate accepted) also verify with {@code @simplewebauthn/server}
 * ({@code src/test/node-webauthn}), so the passkey tests do not rest on one library's reading of the specification.
 * Needs Node and {@code npm ci} in that directory; skipped without them.
 */
@QuarkusTest
class PasskeyCrossCheckTest extends PasskeyFixture {

    private static final Path SCRIPT_DIR = Path.of("src/test/node-webauthn");

    @Test
    void simpleWebAuthnVerifiesWhatCognateAccepted() throws Exception {
        assumeTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/@simplewebauthn/server")) && ScriptRun.works("node", "--version"),
                "node and src/test/node-webauthn/node_modules are needed (npm ci there)");
        String sub = createUser("ivy", true);
        String token = passwordAuth(clientId, "ivy", PASSWORD).authenticationResult().accessToken();
        SoftwareAuthenticator passkey = new SoftwareAuthenticator(ORIGIN, RP_ID);
        JsonNode creationOptions = start(token);
        ObjectNode registration = passkey.register(creationOptions);
        complete(token, registration);

        InitiateAuthResponse challenge = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_AUTH)
                .authParameters(Map.of("USERNAME", "ivy", "PREFERRED_CHALLENGE", "WEB_AUTHN")));
        JsonNode requestOptions = JSON.readTree(challenge.challengeParameters().get("CREDENTIAL_REQUEST_OPTIONS"));
        ObjectNode assertion = passkey.assertion(requestOptions, SoftwareAuthenticator.userHandle(sub));

        ObjectNode input = JSON.createObjectNode().put("origin", ORIGIN);
        input.set("creationOptions", creationOptions);
        input.set("registration", registration);
        input.set("requestOptions", requestOptions);
        input.set("assertion", assertion);
        Process node = new ProcessBuilder("node", "cross_check_with_simplewebauthn.mjs").directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true).start();
        node.getOutputStream().write(JSON.writeValueAsBytes(input));
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(node.exitValue()).as("node output:%n%s", output).isZero();
        assertThat(output).contains("new counter 1").contains("all checks passed");

        assertThat(anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName("WEB_AUTHN").session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "ivy", "CREDENTIAL", assertion.toString()))).authenticationResult())
                .as("and Cognate signs the same assertion in").isNotNull();
    }
}
