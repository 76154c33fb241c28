package dev.cognate.userpool.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code cognate-pool} command (deploy/local/cognate-pool): exports a user pool to a JSON-lines file and imports
 * such a file as a new pool, through the operator actions {@code CognateAdmin.ExportUserPool} and
 * {@code CognateAdmin.ImportUserPool}, signed with SigV4 by the AWS SDK's own signer.
 *
 * <pre>
 * cognate-pool export --endpoint URL --pool ID --out FILE [--include-client-secrets] [--page-size N]
 * cognate-pool import --endpoint URL --in FILE [--pool-name NAME]
 *   [--region REGION] [--profile NAME]
 * </pre>
 *
 * Credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE,
 * ~/.aws/credentials, ...) or {@code --profile}: an operator key Cognate is configured with. Exit status 0 on
 * success, 1 when the service refuses (its {@code __type} and message are printed), 2 on bad usage.
 */
public final class PoolTransfer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FLAGS = Set.of("--include-client-secrets");
    private static final String USAGE = """
            usage: cognate-pool export --endpoint URL --pool ID --out FILE [--include-client-secrets] [--page-size N]
                   cognate-pool import --endpoint URL --in FILE [--pool-name NAME]
                   options for both: [--region REGION] (default $AWS_REGION or us-east-1) [--profile NAME]
            credentials: the AWS SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ~/.aws/credentials)""";

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    /** A failure the service answered: its {@code __type} and message. */
    static final class ServiceError extends Exception {
        ServiceError(String message) {
            super(message);
        }
    }

    PoolTransfer(URI endpoint, String region, AwsCredentialsProvider credentials) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !List.of("export", "import").contains(args[0])) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (FLAGS.contains(args[i])) {
                options.put(args[i], "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                err.println("unexpected argument: " + args[i] + "\n" + USAGE);
                return 2;
            }
        }
        boolean export = "export".equals(args[0]);
        List<String> required = export ? List.of("--endpoint", "--pool", "--out") : List.of("--endpoint", "--in");
        for (String option : required) {
            if (!options.containsKey(option)) {
                err.println("missing " + option + "\n" + USAGE);
                return 2;
            }
        }
        String region = options.getOrDefault("--region", System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
        AwsCredentialsProvider credentials = options.containsKey("--profile")
                ? ProfileCredentialsProvider.create(options.get("--profile"))
                : DefaultCredentialsProvider.builder().build();
        PoolTransfer transfer = new PoolTransfer(URI.create(options.get("--endpoint")), region, credentials);
        try {
            if (export) {
                int pageSize = Integer.parseInt(options.getOrDefault("--page-size", "500"));
                long lines = transfer.export(options.get("--pool"), options.containsKey("--include-client-secrets"), pageSize,
                        Path.of(options.get("--out")));
                out.println("exported " + options.get("--pool") + ": " + lines + " lines to " + options.get("--out"));
            } else {
                JsonNode result = transfer.importFile(Path.of(options.get("--in")), options.get("--pool-name"));
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            }
            return 0;
        } catch (ServiceError e) {
            err.println(e.getMessage());
            return 1;
        } catch (NumberFormatException e) {
            err.println("--page-size must be a number from 1 to 1000\n" + USAGE);
            return 2;
        } catch (IOException e) {
            err.println("I/O error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Writes the pool's file page after page (never the whole pool in memory); returns the number of lines. */
    long export(String poolId, boolean includeSecrets, int pageSize, Path file) throws IOException, InterruptedException, ServiceError {
        long count = 0;
        String token = null;
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            do {
                ObjectNode request = JSON.createObjectNode().put("UserPoolId", poolId).put("IncludeClientSecrets", includeSecrets)
                        .put("MaxUsers", pageSize);
                if (token != null) {
                    request.put("NextToken", token);
                }
                JsonNode page = call("CognateAdmin.ExportUserPool", JSON.writeValueAsString(request));
                String lines = page.path("Lines").asText("");
                writer.write(lines);
                count += lines.lines().count();
                token = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
            } while (token != null);
        }
        return count;
    }

    JsonNode importFile(Path file, String poolName) throws IOException, InterruptedException, ServiceError {
        ObjectNode request = JSON.createObjectNode().put("Lines", Files.readString(file, StandardCharsets.UTF_8));
        if (poolName != null) {
            request.put("PoolName", poolName);
        }
        return call("CognateAdmin.ImportUserPool", JSON.writeValueAsString(request));
    }

    private JsonNode call(String target, String body) throws IOException, InterruptedException, ServiceError {
        AwsCredentials resolved = credentials.resolveCredentials();
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", target).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(resolved.accessKeyId(), resolved.secretAccessKey()))
                .request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cognito-idp")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                request.header(name, values.get(0));
            }
        });
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ServiceError("HTTP " + response.statusCode() + " from " + endpoint + " (not a JSON answer)");
        }
        if (response.statusCode() != 200) {
            throw new ServiceError(answer.path("__type").asText("HTTP " + response.statusCode()) + ": " + answer.path("message").asText());
        }
        return answer;
    }
}
