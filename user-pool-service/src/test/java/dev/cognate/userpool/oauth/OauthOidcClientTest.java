package dev.cognate.userpool.oauth;

import dev.cognate.testkit.ScriptRun;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real OpenID Connect client, oauth4webapi ({@code src/test/node/oauth_code_flow_with_oauth4webapi.mjs}), redeems a
 * code with PKCE, validates the ID token (issuer from discovery, audience, nonce) and the authorization response's
 * {@code iss}, calls userInfo, refreshes and revokes. CI installs Node and the library ({@code npm ci} in
 * src/test/node); without them the test is skipped.
 */
@QuarkusTest
class OauthOidcClientTest extends OauthFlowFixture {

    private static final Path SCRIPT_DIR = Path.of("src/test/node");

    @Test
    void oauth4webapiRedeemsACodeReadsUserInfoRefreshesAndRevokes() throws Exception {
        assumeTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/oauth4webapi")) && ScriptRun.works("node", "--version"),
                "node and src/test/node/node_modules are needed (CI runs npm ci there)");
        UserPoolClientType client = codeClient(false);
        String code = issue(grant(client, List.of("openid", "email"), "nonce-from-the-spa", CHALLENGE));

        ScriptRun node = ScriptRun.run(SCRIPT_DIR, Duration.ofMinutes(2), List.of("node", "oauth_code_flow_with_oauth4webapi.mjs",
                endpoint.toString().replaceAll("/$", ""), discoveredIssuer(), client.clientId(), code, CALLBACK, VERIFIER,
                "nonce-from-the-spa"));

        assertThat(node.succeeded()).as("node (finished in 2 minutes: %s, exit %s) output:%n%s", node.finished(), node.exitCode(),
                node.output()).isTrue();
        assertThat(node.output()).contains("all checks passed");
    }
}
