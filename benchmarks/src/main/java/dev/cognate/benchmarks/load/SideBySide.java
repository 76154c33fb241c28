package dev.cognate.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.benchmarks.load.server.ServerCpu;
import dev.cognate.benchmarks.load.server.ServerCpuUse;
import dev.cognate.benchmarks.load.wrk.Wrk;
import dev.cognate.benchmarks.load.wrk.WrkRequest;
import dev.cognate.benchmarks.load.wrk.WrkSummary;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The same OpenID Connect scenarios against Cognate and against another OpenID provider (Keycloak, say), with wrk, each
 * run's server CPU counted, alternating the two round by round, then a table of per-core figures and their ratio. See
 * benchmarks/README.md, "Side by side".
 */
public final class SideBySide {

    /** The scenarios both sides run, by their command-line names. */
    enum OidcScenario {
        DISCOVERY("discovery"), JWKS("jwks"), CLIENT_CREDENTIALS("client-credentials"), REFRESH("refresh"),
        PASSWORD("password"), USERINFO("userinfo");

        final String cliName;

        OidcScenario(String cliName) {
            this.cliName = cliName;
        }

        static OidcScenario of(String name) {
            for (OidcScenario scenario : values()) {
                if (scenario.cliName.equals(name)) {
                    return scenario;
                }
            }
            throw new LoadOptions.UsageException("unknown side-by-side scenario " + name + ": expected "
                    + String.join(",", names()));
        }

        static List<String> names() {
            return java.util.Arrays.stream(values()).map(s -> s.cliName).toList();
        }
    }

    static final String USAGE = """
            Usage: java -cp benchmarks/target/benchmarks.jar dev.cognate.benchmarks.load.SideBySide [options]

            Runs discovery, JWKS, client_credentials, refresh, a password sign-in and userInfo against Cognate and against
            another OpenID provider with wrk, alternating the two, and prints both per-core figures and their ratio.

              --other-issuer URL        the other provider's issuer (its discovery document is URL/.well-known/openid-configuration)
              --other-client-id ID      a confidential client allowed client_credentials and the password grant
              --other-client-secret S
              --other-username U        a user of the other provider, and its password
              --other-password P
              --other-pids LIST         the other's processes whose CPU to count, [name=]pid[,...] (default: the process
                                        listening on the issuer's port)
              --other-name NAME         its name in the report (default other)
              --scenarios LIST          some of %s (default all)
              --rounds N                how many times each pair of runs is repeated (default 2, at most 20)
              --warm-rounds N           rounds run first and left out of the table, to let both JITs compile the paths
                                        (default 0; 1 after a fresh start: the first round measures the compiler)
            and the load harness's options for Cognate and for both runs: --stack, --endpoint, --access-key, --secret,
            --redis, --server-pids, --duration (per run, default 30s), --warmup (per run), --concurrency, --wrk-threads,
            --wrk-scripts, --timeout, --allow-remote (see LoadHarness --help). Cognate's password sign-in is InitiateAuth
            USER_PASSWORD_AUTH (Cognito has no password grant); the other's is grant_type=password with scope openid.
            """.formatted(String.join(",", OidcScenario.names()));

    private SideBySide() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (LoadOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("SideBySide: " + e.getMessage());
                System.err.println();
            }
            System.err.print(USAGE);
            status = e.getMessage() == null ? 0 : 2;
        } catch (RuntimeException e) {
            System.err.println("SideBySide: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    /** Its own options, the rest passed to {@link LoadOptions}. */
    record Options(URI issuer, String clientId, String clientSecret, String username, String password, String otherPids,
                   String otherName, List<OidcScenario> scenarios, int rounds, int warmRounds, LoadOptions load) {

        static Options parse(String... args) {
            Map<String, String> own = new LinkedHashMap<>();
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    throw new LoadOptions.UsageException(null);
                }
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (name.startsWith("--other-") || name.equals("--scenarios") || name.equals("--rounds")
                        || name.equals("--warm-rounds")) {
                    String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : i + 1 < args.length ? args[++i] : null;
                    if (value == null) {
                        throw new LoadOptions.UsageException(name + " needs a value");
                    }
                    own.put(name, value);
                } else if (name.equals("--client") || name.equals("--scenario")) {
                    throw new LoadOptions.UsageException(name + ": the side-by-side runs use wrk and their own scenarios (--scenarios)");
                } else {
                    rest.add(arg);
                }
            }
            for (String required : List.of("--other-issuer", "--other-client-id", "--other-client-secret", "--other-username",
                    "--other-password")) {
                if (!own.containsKey(required)) {
                    throw new LoadOptions.UsageException(required + " is required");
                }
            }
            rest.addAll(List.of("--client", "wrk", "--scenario", "discovery"));
            LoadOptions load = LoadOptions.parse(rest.toArray(String[]::new));
            URI issuer = LoadOptions.checkEndpoint(own.get("--other-issuer"), load.allowRemote());
            List<OidcScenario> scenarios = own.containsKey("--scenarios")
                    ? java.util.Arrays.stream(own.get("--scenarios").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(OidcScenario::of).distinct().toList()
                    : List.of(OidcScenario.values());
            if (scenarios.isEmpty()) {
                throw new LoadOptions.UsageException("--scenarios names none");
            }
            int rounds = count(own, "--rounds", "2", 1);
            int warmRounds = count(own, "--warm-rounds", "0", 0);
            return new Options(issuer, own.get("--other-client-id"), own.get("--other-client-secret"), own.get("--other-username"),
                    own.get("--other-password"), own.get("--other-pids"), own.getOrDefault("--other-name", "other"), scenarios,
                    rounds, warmRounds, load);
        }

        private static int count(Map<String, String> own, String option, String otherwise, int min) {
            int value;
            try {
                value = Integer.parseInt(own.getOrDefault(option, otherwise).trim());
            } catch (NumberFormatException e) {
                throw new LoadOptions.UsageException(option + ": not a number");
            }
            if (value < min || value > 20) {
                throw new LoadOptions.UsageException(option + " must be between " + min + " and 20");
            }
            return value;
        }
    }

    /** One side's requests and where they go. */
    record Side(String name, boolean cognate, URI base, Map<OidcScenario, WrkRequest> requests, ServerCpu cpu) {
    }

    static int run(String... args) {
        Options options = Options.parse(args);
        LoadOptions load = options.load();
        System.out.printf(Locale.ROOT, "Side by side: Cognate at %s and %s at %s; %d warm round(s) (rounds %d..0, not in the"
                        + " table), then %d round(s) of %s, wrk -t%d -c%d, warm-up %s and %s measured per run%n", load.endpoint(),
                options.otherName(), options.issuer(), options.warmRounds(), 1 - options.warmRounds(), options.rounds(),
                options.scenarios().stream().map(s -> s.cliName).toList(), load.wrkThreads(), load.concurrency(),
                LoadHarness.human(load.warmup()), LoadHarness.human(load.duration()));
        SdkHttpClient http = ApacheHttpClient.builder().maxConnections(4).build();
        CognitoIdentityProviderClient idp = CognitoIdentityProviderClient.builder().endpointOverride(load.endpoint())
                .region(Region.of(load.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(load.accessKey(), load.secret())))
                .httpClient(http).overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        String poolId = null;
        try (Wrk wrk = new Wrk(load.wrkScripts(), load.wrkThreads(), load.concurrency(), load.requestTimeout())) {
            poolId = idp.createUserPool(r -> r.poolName("cognate-side-by-side-" + System.currentTimeMillis())).userPool().id();
            OAuthEndpoints cognateEndpoints = new OAuthEndpoints(load.endpoint(), load.requestTimeout());
            OAuthScenarios oauth = OAuthScenarios.setUp(idp, cognateEndpoints, poolId, "side-by-side@example.com", "Side-by-side-Passw0rd",
                    load, true);
            Side cognate = new Side("Cognate", true, load.endpoint(), cognateRequests(oauth), ServerSide.cognate(load, "user-pool-service"));
            Side other = otherSide(options, load.requestTimeout());
            checkOnce(cognate, cognateEndpoints);
            Comparison comparison = new Comparison();
            for (int round = 1 - options.warmRounds(); round <= options.rounds(); round++) {
                for (OidcScenario scenario : options.scenarios()) {
                    // A, B in odd rounds, B, A in even ones: a machine getting busier or quieter does not favour one side
                    List<Side> order = Math.floorMod(round, 2) == 1 ? List.of(cognate, other) : List.of(other, cognate);
                    for (Side side : order) {
                        Comparison.Run run = measure(wrk, side, scenario, round, load);
                        if (round >= 1) { // rounds 0, -1...: the warm rounds, printed, not in the table
                            comparison.add(run);
                        }
                    }
                }
            }
            comparison.print(System.out, options.otherName());
            return 0;
        } finally {
            if (poolId != null) {
                String id = poolId;
                try {
                    idp.deleteUserPool(r -> r.userPoolId(id));
                    System.out.println("deleted user pool " + id);
                } catch (RuntimeException e) {
                    System.out.println("WARNING: user pool " + id + " was not deleted: " + e.getMessage());
                }
            }
            idp.close();
            http.close();
        }
    }

    private static Map<OidcScenario, WrkRequest> cognateRequests(OAuthScenarios oauth) {
        Map<OidcScenario, WrkRequest> requests = new LinkedHashMap<>();
        requests.put(OidcScenario.DISCOVERY, oauth.wrkRequest(Scenario.DISCOVERY, null, 1));
        requests.put(OidcScenario.JWKS, oauth.wrkRequest(Scenario.JWKS, null, 1));
        requests.put(OidcScenario.CLIENT_CREDENTIALS, oauth.wrkRequest(Scenario.TOKEN_CLIENT_CREDENTIALS, null, 1));
        requests.put(OidcScenario.REFRESH, oauth.wrkRequest(Scenario.TOKEN_REFRESH, null, 1));
        try {
            requests.put(OidcScenario.PASSWORD, WrkRequest.cognito("InitiateAuth", new ObjectMapper().writeValueAsString(Map.of(
                    "AuthFlow", "USER_PASSWORD_AUTH", "ClientId", oauth.webClientId(),
                    "AuthParameters", Map.of("USERNAME", oauth.username(), "PASSWORD", oauth.password())))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        requests.put(OidcScenario.USERINFO, oauth.wrkRequest(Scenario.USERINFO, null, 1));
        return requests;
    }

    /** The other provider's endpoints from its discovery document, a password sign-in for the tokens, each request tried once. */
    private static Side otherSide(Options options, Duration timeout) {
        URI issuer = options.issuer();
        String origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
        OAuthEndpoints endpoints = new OAuthEndpoints(URI.create(origin), timeout);
        String discoveryPath = issuer.getRawPath().replaceAll("/$", "") + "/.well-known/openid-configuration";
        JsonNode discovery = endpoints.get(discoveryPath);
        String tokenPath = sameOriginPath(discovery, "token_endpoint", origin);
        String jwksPath = sameOriginPath(discovery, "jwks_uri", origin);
        String userInfoPath = sameOriginPath(discovery, "userinfo_endpoint", origin);
        Map<String, String> passwordForm = Map.of("grant_type", "password", "username", options.username(),
                "password", options.password(), "scope", "openid");
        JsonNode tokens = endpoints.token(tokenPath, passwordForm, options.clientId(), options.clientSecret());
        String refreshToken = tokens.path("refresh_token").asText(null);
        String accessToken = tokens.path("access_token").asText(null);
        if (refreshToken == null || accessToken == null) {
            throw new IllegalStateException(options.otherName() + "'s password grant answered no access or refresh token: " + tokens);
        }
        Map<OidcScenario, WrkRequest> requests = new LinkedHashMap<>();
        requests.put(OidcScenario.DISCOVERY, WrkRequest.get(discoveryPath));
        requests.put(OidcScenario.JWKS, WrkRequest.get(jwksPath));
        requests.put(OidcScenario.CLIENT_CREDENTIALS, WrkRequest.token(tokenPath, Map.of("grant_type", "client_credentials"),
                options.clientId(), options.clientSecret()));
        requests.put(OidcScenario.REFRESH, WrkRequest.token(tokenPath, Map.of("grant_type", "refresh_token", "refresh_token",
                refreshToken), options.clientId(), options.clientSecret()));
        requests.put(OidcScenario.PASSWORD, WrkRequest.token(tokenPath, passwordForm, options.clientId(), options.clientSecret()));
        requests.put(OidcScenario.USERINFO, WrkRequest.get(userInfoPath, accessToken));
        // each once, before the runs: a run of refusals measures nothing
        endpoints.get(jwksPath);
        endpoints.token(tokenPath, Map.of("grant_type", "client_credentials"), options.clientId(), options.clientSecret());
        endpoints.token(tokenPath, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), options.clientId(),
                options.clientSecret());
        endpoints.get(userInfoPath, accessToken);
        System.out.printf(Locale.ROOT, "%s: token %s, JWKS %s, userinfo %s; a password sign-in, client_credentials, a refresh and"
                + " userinfo answered%n", options.otherName(), tokenPath, jwksPath, userInfoPath);
        return new Side(options.otherName(), false, URI.create(origin), requests,
                ServerSide.other(options.otherName(), issuer, options.otherPids()));
    }

    private static void checkOnce(Side cognate, OAuthEndpoints endpoints) {
        // discovery, JWKS, the token requests and userinfo were each answered during OAuthScenarios' set-up or here
        WrkRequest jwks = cognate.requests().get(OidcScenario.JWKS);
        endpoints.get(jwks.params().get("path"));
        WrkRequest userInfo = cognate.requests().get(OidcScenario.USERINFO);
        endpoints.get(userInfo.params().get("path"), userInfo.params().get("bearer"));
    }

    /** The path of an endpoint of the discovery document, which must be on the issuer's origin (wrk talks to one). */
    static String sameOriginPath(JsonNode discovery, String member, String origin) {
        String url = discovery.path(member).asText("");
        URI uri = URI.create(url);
        if (!url.startsWith(origin + "/") || uri.getRawPath() == null) {
            throw new IllegalStateException("the discovery document's " + member + " (" + url + ") is not under " + origin);
        }
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static Comparison.Run measure(Wrk wrk, Side side, OidcScenario scenario, int round, LoadOptions load) {
        WrkRequest request = side.requests().get(scenario);
        if (!load.warmup().isZero()) {
            wrk.run(side.base(), request, load.warmup());
        }
        ServerCpu.Sample start = side.cpu() == null ? null : side.cpu().sample();
        Wrk.Run run = wrk.run(side.base(), request, load.duration());
        ServerCpuUse cpu = side.cpu() == null ? null : side.cpu().between(start, side.cpu().sample());
        WrkSummary summary = run.summary();
        long errors = summary.status() + summary.socketErrors();
        double perCore = cpu == null ? Double.NaN : cpu.perCore(summary.ok());
        System.out.printf(Locale.ROOT, "round %d %-18s %-10s %8d ok %5d errors %9.1f req/s  p50 %7.2f ms  p99 %7.2f ms  server CPU %s"
                        + "  per core %s  (wrk CPU %.2f s)%n", round, scenario.cliName, side.name(), summary.ok(), errors,
                summary.ok() / summary.seconds(), summary.p50() / 1e6, summary.p99() / 1e6,
                cpu == null ? "n/a" : String.format(Locale.ROOT, "%.2f s", cpu.totalCpuSeconds()),
                Double.isNaN(perCore) ? "n/a" : String.format(Locale.ROOT, "%.0f", perCore), run.clientCpuSeconds());
        if (cpu != null && cpu.parts().size() > 1) {
            cpu.parts().forEach(part -> System.out.printf(Locale.ROOT, "        %-22s %.2f s%n", part.name(), part.cpuSeconds()));
        }
        return new Comparison.Run(scenario.cliName, side.cognate(), round, summary.ok(), errors, summary.ok() / summary.seconds(),
                summary.p50(), summary.p99(), perCore);
    }
}
