package dev.cognate.identitypool.compat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.LocalUserPoolIssuer;
import dev.cognate.testkit.ScriptRun;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS SDK for JavaScript v3 ({@code src/test/node/credentials_with_aws_sdk_js_v3.mjs}) gets credentials as a web
 * or Node app does: {@code fromCognitoIdentityPool} as the credentials of an {@code STSClient}, as a guest and with an
 * ID token of the test's user pool issuer; STS {@code GetCallerIdentity} signed with them names the pool's role, and a
 * tampered ID token is refused. CI installs Node and the packages ({@code npm ci} in src/test/node, .ci/run); without
 * them the test is skipped and says why.
 */
@QuarkusTest
class AwsSdkJsV3CredentialsTest {

    static final Path SCRIPT_DIR = Path.of("src/test/node");
    static final String USER_POOL = "us-east-1_JsSdkPool1";
    static final String CLIENT = "jssdkclient1";
    static final String AUTHENTICATED = "arn:aws:iam::123456789012:role/JsAuthenticated";
    static final String GUEST = "arn:aws:iam::123456789012:role/JsGuest";

    @TestHTTPResource("/")
    URL endpoint;

    @Test
    void fromCognitoIdentityPoolVendsCredentialsThatStsRecognisesAndRefusesATamperedLogin() throws Exception {
        assumeTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/@aws-sdk/credential-providers")) && ScriptRun.works("node", "--version"),
                "node and src/test/node/node_modules are needed (CI runs npm ci there)");
        LocalUserPoolIssuer issuer = LocalUserPoolIssuer.get();
        String provider = issuer.providerName(USER_POOL);
        String poolId;
        try (CognitoIdentityClient operator = CognitoIdentityClients.operator(endpoint)) {
            poolId = operator.createIdentityPool(r -> r.identityPoolName("js_sdk_" + UUID.randomUUID().toString().substring(0, 8))
                    .allowUnauthenticatedIdentities(true)
                    .cognitoIdentityProviders(p -> p.providerName(provider).clientId(CLIENT))).identityPoolId();
            operator.setIdentityPoolRoles(r -> r.identityPoolId(poolId).roles(Map.of("authenticated", AUTHENTICATED, "unauthenticated", GUEST)));
        }
        String idToken = issuer.idToken(USER_POOL, CLIENT, "js-" + UUID.randomUUID());
        String tampered = withOtherSubject(idToken);
        String arguments = new ObjectMapper().writeValueAsString(Map.of(
                "endpoint", endpoint.toString().replaceAll("/$", ""),
                "region", "us-east-1",
                "identityPoolId", poolId,
                "provider", provider,
                "idToken", idToken,
                "tamperedIdToken", tampered,
                "authenticatedArn", "arn:aws:sts::123456789012:assumed-role/JsAuthenticated/CognitoIdentityCredentials",
                "guestArn", "arn:aws:sts::123456789012:assumed-role/JsGuest/CognitoIdentityCredentials"));

        ScriptRun run = ScriptRun.run(SCRIPT_DIR, Duration.ofMinutes(2), List.of("node", "credentials_with_aws_sdk_js_v3.mjs", arguments));

        assertThat(run.succeeded()).as("node output:%n%s", run.output()).isTrue();
        assertThat(run.output()).contains("a tampered login is refused: NotAuthorizedException", "all checks passed");
    }

    /** The token with its {@code sub} changed and the issuer's signature kept: what an attacker editing a token sends. */
    static String withOtherSubject(String jwt) {
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String edited = payload.replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"someone-else\"");
        assertThat(edited).isNotEqualTo(payload);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(edited.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
