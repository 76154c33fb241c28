package dev.cognate.identitypool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.LocalUserPoolIssuer;
import dev.cognate.testkit.ScriptRun;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS CLI ({@code aws} on {@code PATH}: Debian's {@code awscli} v2, or a v1 from pip; both speak these commands the
 * same way) with {@code --endpoint-url}, as an operator and then as an app: {@code create-identity-pool},
 * {@code set-identity-pool-roles} with a {@code Rules} mapping, {@code get-id} and {@code get-credentials-for-identity}
 * unsigned with a user pool ID token, then {@code aws sts get-caller-identity} with the vended credentials in
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN} names the role the rule chose. A
 * tampered ID token and a wrong secret are refused with the errors the CLI prints. Every run gets a fresh
 * {@code AWS_CONFIG_FILE} and an empty credentials file, so nothing of the machine's own AWS set-up takes part. Skipped,
 * saying so, only when there is no {@code aws} (CI installs Debian's, .ci/run).
 */
@QuarkusTest
class AwsCliTest {

    static final String USER_POOL = "us-east-1_CliPool1";
    static final String CLIENT = "cliclient1";
    static final String AUTHENTICATED = "arn:aws:iam::123456789012:role/CliAuthenticated";
    static final String EXAMPLE_STAFF = "arn:aws:iam::123456789012:role/CliExampleStaff";
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL endpoint;

    Path home;
    /** {@code aws --version}: shown with every failure, since v1 and v2 word their messages differently. */
    String cliVersion;
    LocalUserPoolIssuer issuer;
    String provider;

    @BeforeEach
    void cliHome() throws IOException {
        assumeTrue(ScriptRun.works("aws", "--version"), "the AWS CLI (aws) is not on PATH; CI installs Debian's awscli");
        issuer = LocalUserPoolIssuer.get();
        provider = issuer.providerName(USER_POOL);
        home = Files.createTempDirectory("aws-cli-test");
        Files.writeString(home.resolve("config"), "[default]\nregion = us-east-1\noutput = json\n");
        Files.writeString(home.resolve("credentials"), "");
        CliRun version = run(Map.of(), "--version");
        cliVersion = (version.stdout() + version.stderr()).strip(); // old v1 releases print it on stderr
    }

    @AfterEach
    void removeHome() throws IOException {
        if (home != null) {
            try (var files = Files.list(home)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(home);
        }
    }

    @Test
    void operatorCreatesAPoolAndAUserLoginGetsCredentialsThatStsGetCallerIdentityNames() throws Exception {
        Map<String, String> operator = Map.of("AWS_ACCESS_KEY_ID", CognitoIdentityClients.ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", CognitoIdentityClients.SECRET_ACCESS_KEY);
        JsonNode pool = ok(operator, "cognito-identity", "create-identity-pool",
                "--identity-pool-name", "cli_" + UUID.randomUUID().toString().substring(0, 8),
                "--no-allow-unauthenticated-identities",
                "--cognito-identity-providers", "ProviderName=" + provider + ",ClientId=" + CLIENT + ",ServerSideTokenCheck=false");
        String poolId = pool.path("IdentityPoolId").asText();
        assertThat(poolId).startsWith("us-east-1:");
        assertThat(pool.path("CognitoIdentityProviders").get(0).path("ProviderName").asText()).isEqualTo(provider);
        String mappings = JSON.writeValueAsString(Map.of(provider, Map.of("Type", "Rules", "AmbiguousRoleResolution", "AuthenticatedRole",
                "RulesConfiguration", Map.of("Rules", List.of(Map.of("Claim", "email", "MatchType", "StartsWith", "Value", "staff@",
                        "RoleARN", EXAMPLE_STAFF))))));
        run(operator, "cognito-identity", "set-identity-pool-roles", "--identity-pool-id", poolId,
                "--roles", "authenticated=" + AUTHENTICATED, "--role-mappings", mappings).requireSuccess();

        String staffToken = issuer.idToken(USER_POOL, CLIENT, "cli-" + UUID.randomUUID(), c -> c.put("email", "staff@example.com"));
        String logins = JSON.writeValueAsString(Map.of(provider, staffToken));
        // GetId and GetCredentialsForIdentity are unsigned, as in AWS: no credentials at all in the CLI's environment.
        String identityId = ok(Map.of(), "cognito-identity", "get-id", "--identity-pool-id", poolId, "--logins", logins)
                .path("IdentityId").asText();
        JsonNode credentials = ok(Map.of(), "cognito-identity", "get-credentials-for-identity",
                "--identity-id", identityId, "--logins", logins).path("Credentials");
        assertThat(credentials.path("AccessKeyId").asText()).matches("ASIA[A-Z2-7]{16}");

        JsonNode caller = ok(Map.of("AWS_ACCESS_KEY_ID", credentials.path("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", credentials.path("SecretKey").asText(),
                "AWS_SESSION_TOKEN", credentials.path("SessionToken").asText()), "sts", "get-caller-identity");
        assertThat(caller.path("Arn").asText()).isEqualTo("arn:aws:sts::123456789012:assumed-role/CliExampleStaff/CognitoIdentityCredentials");
        assertThat(caller.path("Account").asText()).isEqualTo("123456789012");

        // Another user, whose email matches no rule: the authenticated role.
        String otherLogins = JSON.writeValueAsString(Map.of(provider, issuer.idToken(USER_POOL, CLIENT, "cli-" + UUID.randomUUID(),
                c -> c.put("email", "someone@example.com"))));
        String other = ok(Map.of(), "cognito-identity", "get-id", "--identity-pool-id", poolId, "--logins", otherLogins).path("IdentityId").asText();
        JsonNode otherCredentials = ok(Map.of(), "cognito-identity", "get-credentials-for-identity",
                "--identity-id", other, "--logins", otherLogins).path("Credentials");
        assertThat(ok(Map.of("AWS_ACCESS_KEY_ID", otherCredentials.path("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", otherCredentials.path("SecretKey").asText(),
                "AWS_SESSION_TOKEN", otherCredentials.path("SessionToken").asText()), "sts", "get-caller-identity").path("Arn").asText())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/CliAuthenticated/CognitoIdentityCredentials");

        // Refusals, as the CLI reports them: a token whose claims were edited, and credentials with a wrong secret.
        String tamperedLogins = JSON.writeValueAsString(Map.of(provider, AwsSdkJsV3CredentialsTest.withOtherSubject(staffToken)));
        CliRun tampered = run(Map.of(), "cognito-identity", "get-credentials-for-identity", "--identity-id", identityId, "--logins", tamperedLogins);
        assertThat(tampered.exitCode()).as(tampered.toString()).isNotZero();
        assertThat(tampered.stderr()).contains("NotAuthorizedException", "Invalid login token. Couldn't verify signed token.");

        CliRun wrongSecret = run(Map.of("AWS_ACCESS_KEY_ID", credentials.path("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", "x" + credentials.path("SecretKey").asText().substring(1),
                "AWS_SESSION_TOKEN", credentials.path("SessionToken").asText()), "sts", "get-caller-identity");
        assertThat(wrongSecret.exitCode()).as(wrongSecret.toString()).isNotZero();
        assertThat(wrongSecret.stderr()).contains("SignatureDoesNotMatch");
    }

    record CliRun(String version, List<String> command, int exitCode, String stdout, String stderr) {

        CliRun requireSuccess() {
            assertThat(exitCode).as("%s", this).isZero();
            return this;
        }

        @Override
        public String toString() {
            return version + ": " + String.join(" ", command) + " exited " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    JsonNode ok(Map<String, String> credentials, String... arguments) throws IOException {
        CliRun run = run(credentials, arguments).requireSuccess();
        return JSON.readTree(run.stdout());
    }

    /** {@code aws --endpoint-url <this service> <arguments>} with only {@code credentials} as AWS settings. */
    CliRun run(Map<String, String> credentials, String... arguments) {
        String base = endpoint.toString().replaceAll("/$", "");
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", arguments[0].equals("sts") ? base + "/sts" : base));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        environment.put("AWS_DEFAULT_REGION", "us-east-1"); // v1 reads only this one; v2 prefers AWS_REGION
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_PAGER", ""); // v2 would pipe its output through less
        environment.put("AWS_MAX_ATTEMPTS", "1");
        environment.putAll(credentials);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not finish within 60 s");
            }
            return new CliRun(cliVersion, command, process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
