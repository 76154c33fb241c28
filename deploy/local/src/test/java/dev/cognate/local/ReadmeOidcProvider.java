package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.testkit.ScriptRun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * README's "Sign in through an OpenID Connect provider", run as a user would run it: the demo seeded into a started
 * stack ({@link DemoSeeder}, as {@code run} seeds it), that stack's {@code stack.json} written, then the README's bash
 * block itself — its AWS CLI and {@code jq} commands, unedited — with {@code STACK} pointing at that file and a fresh,
 * empty AWS configuration (nothing of the machine's own).
 */
final class ReadmeOidcProvider {

    static final String SECTION = "## Sign in through an OpenID Connect provider";
    static final String ISSUER = "http://localhost:3001";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the README's commands left: the demo they worked on and the script's output. */
    record Outcome(StackDescription.Demo demo, ScriptRun run) {
    }

    private ReadmeOidcProvider() {
    }

    static boolean toolsAvailable() {
        return ScriptRun.works("aws", "--version") && ScriptRun.works("jq", "--version");
    }

    static Outcome run(StackDescription.Endpoints endpoints, String region, LocalCredentials credentials, Path workDir) throws IOException {
        StackDescription.Demo demo;
        try (DemoSeeder seeder = new DemoSeeder(URI.create(endpoints.userPool()), region, credentials)) {
            demo = seeder.seed(credentials.demoPassword()).orElseThrow();
        }
        Path stackJson = workDir.resolve("stack.json");
        new StackDescription(region, endpoints, new StackDescription.OperatorCredentials(credentials.operatorAccessKeyId(),
                credentials.operatorSecretAccessKey()), demo).writeTo(stackJson, JSON);
        Path script = workDir.resolve("readme-oidc-provider.sh");
        Files.writeString(script, String.join("\n",
                "set -euo pipefail",
                "export AWS_CONFIG_FILE=" + workDir.resolve("aws-config") + " AWS_SHARED_CREDENTIALS_FILE=" + workDir.resolve("aws-credentials"),
                "unset AWS_PROFILE AWS_SESSION_TOKEN",
                "STACK=" + stackJson + " ISSUER=" + ISSUER,
                block(Path.of("README.md"))));
        return new Outcome(demo, ScriptRun.run(workDir, Duration.ofMinutes(2), List.of("bash", script.toString())));
    }

    /** The first {@code ```bash} block after the section's heading. */
    static String block(Path readme) throws IOException {
        String text = Files.readString(readme);
        int section = text.indexOf("\n" + SECTION + "\n");
        if (section < 0) {
            throw new IllegalStateException("README.md has no section '" + SECTION + "'");
        }
        int start = text.indexOf("```bash\n", section) + "```bash\n".length();
        return text.substring(start, text.indexOf("\n```", start) + 1);
    }

    /** The hosted login's view of the client: user-pool-service's internal {@code GET /internal/v1/clients/{clientId}}. */
    static JsonNode hostedLoginsViewOf(String internalBaseUrl, String clientId) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(internalBaseUrl + "/internal/v1/clients/" + clientId)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /internal/v1/clients/" + clientId + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
