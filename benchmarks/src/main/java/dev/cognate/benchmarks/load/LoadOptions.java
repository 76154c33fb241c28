package dev.cognate.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command line of {@link LoadHarness}, checked: every limit is finite and the endpoint is loopback unless allowed. */
record LoadOptions(Scenario scenario, URI endpoint, String region, String accessKey, String secret,
                   Duration duration, Duration warmup, int concurrency, long maxRequests, Duration requestTimeout,
                   boolean allowRemote, String pool, long users, String redis, URI userPoolEndpoint, String serverPids,
                   boolean serverCpu, Path stateDirectory, int mfaUsers, Path mailDirectory, Client client, int wrkThreads,
                   Path wrkScripts) {

    /** The load generator: the AWS SDK / the JDK's HTTP client in this JVM, or wrk with the Lua scripts of benchmarks/wrk. */
    enum Client {
        SDK, WRK;

        static Client of(String name) {
            return switch (name) {
                case "sdk" -> SDK;
                case "wrk" -> WRK;
                default -> throw new UsageException("--client must be sdk or wrk: " + name);
            };
        }
    }

    static final Path DEFAULT_STACK = Path.of("deploy/local/.state/stack.json");
    static final Duration MAX_DURATION = Duration.ofHours(1);
    static final int MAX_CONCURRENCY = 256;
    static final Path DEFAULT_MAIL = Path.of("deploy/local/.state/mail");
    static final int MAX_MFA_USERS = 10_000;

    static final String USAGE = """
            Usage: java -cp benchmarks/target/benchmarks.jar dev.cognate.benchmarks.load.LoadHarness [options]

              --scenario S        %s  (default list-user-pools)
              --endpoint URL      service endpoint (default: from --stack, else http://localhost:8081, or
                                  http://localhost:8083 for list-identity-pools and the identity scenarios, or
                                  trigger-runner's internal port http://localhost:8094 for trigger-invoke)
              --user-pool-endpoint URL  get-id, get-credentials-for-identity, get-caller-identity: user-pool-service,
                                  where the harness signs a user in (default: from --stack, else
                                  http://localhost:8081); its host:port must be the identity pool service's
                                  configured user pool issuer. trigger-invoke: where it creates the pool whose
                                  webhook secret signs the calls
              --access-key AK     operator access key id   } or both from --stack
              --secret SK         operator secret key      }
              --stack [FILE]      read region, endpoints and operator credentials from the local stack's
                                  stack.json (default FILE: deploy/local/.state/stack.json)
              --region R          SigV4 region (default: from --stack, else us-east-1)
              --duration D        measured time, e.g. 30s, 500ms, 2m (default 30s, at most 1h)
              --warmup D          unmeasured time before it (default 3s; 0s for none)
              --concurrency N     worker threads, each calling in a loop; also the HTTP connection pool size
                                  (default 8, at most %d)
              --max-requests N    stop after N measured requests even if time remains (default 1000000)
              --timeout D         per-request timeout (default 10s)
              --pool ID           list-users-*: the pool SeedUsers filled
              --users N           list-users-*: how many users SeedUsers put in it (default 1000000)
              --redis HOST:PORT   token-authorization-code: the Redis the services share, where the codes are written
                                  (default localhost:16379, the local stack's)
              --mfa-users N       sign-in-totp: users per virtual user, each signing in at most once per 30 s
                                  TOTP step (default 100, at most %d)
              --mail-dir DIR      sign-in-email-otp: where trigger-runner writes the mails (default: mail/ beside
                                  --stack's stack.json, else deploy/local/.state/mail)
              --allow-remote      allow an endpoint that is not a loopback address (refused by default)
              --client sdk|wrk    the load generator: sdk (default) drives the scenario from this JVM with the AWS SDK or
                                  the JDK's HTTP client; wrk runs wrk (light: a few %% of a core) with a script of
                                  benchmarks/wrk, for %4$s
              --wrk-threads N     wrk's threads (-t; default 1, at most --concurrency, which is wrk's -c)
              --wrk-scripts DIR   where the Lua scripts are (default: the copy in the jar)
              --server-pids LIST  the server side whose CPU to count during the measured time, as [name=]pid[,...]
                                  (each with all its descendants); default: found from the local stack (the service
                                  under load, PostgreSQL with its backends, Redis), else by listening port
              --server-pid PID    one process only (as --server-pids PID)
              --no-server-cpu     do not measure the server's CPU
              --help
            """.formatted(Scenario.names(), MAX_CONCURRENCY, MAX_MFA_USERS, wrkScenarioNames());

    static String wrkScenarioNames() {
        return java.util.Arrays.stream(Scenario.values()).filter(Scenario::wrk).map(Scenario::cliName)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    static LoadOptions parse(String... args) {
        Scenario scenario = Scenario.LIST_USER_POOLS;
        String endpoint = null;
        String region = null;
        String accessKey = null;
        String secret = null;
        Path stack = null;
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ofSeconds(3);
        int concurrency = 8;
        long maxRequests = 1_000_000;
        String pool = null;
        long users = 1_000_000;
        Duration timeout = Duration.ofSeconds(10);
        boolean allowRemote = false;
        String redis = "localhost:16379";
        String userPoolEndpoint = null;
        String serverPids = null;
        boolean serverCpu = true;
        Client client = Client.SDK;
        int wrkThreads = 1;
        Path wrkScripts = null;
        int mfaUsers = 100;
        Path mailDirectory = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--help", "-h" -> throw new UsageException(null);
                case "--allow-remote" -> allowRemote = true;
                case "--no-server-cpu" -> serverCpu = false;
                case "--stack" -> {
                    if (value == null && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        value = args[++i];
                    }
                    stack = value == null ? DEFAULT_STACK : Path.of(value);
                }
                default -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(arg + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (arg) {
                        case "--scenario" -> scenario = Scenario.fromCliName(value);
                        case "--endpoint" -> endpoint = value;
                        case "--region" -> region = value;
                        case "--access-key" -> accessKey = value;
                        case "--secret" -> secret = value;
                        case "--duration" -> duration = parseDuration(arg, value);
                        case "--warmup" -> warmup = parseDuration(arg, value);
                        case "--concurrency" -> concurrency = parseInt(arg, value);
                        case "--max-requests" -> maxRequests = parseInt(arg, value);
                        case "--pool" -> pool = value;
                        case "--users" -> users = parseInt(arg, value);
                        case "--timeout" -> timeout = parseDuration(arg, value);
                        case "--redis" -> redis = value;
                        case "--user-pool-endpoint" -> userPoolEndpoint = value;
                        case "--server-pid" -> serverPids = Long.toString(parsePid(value));
                        case "--server-pids" -> serverPids = value;
                        case "--client" -> client = Client.of(value);
                        case "--wrk-threads" -> wrkThreads = parseInt(arg, value);
                        case "--wrk-scripts" -> wrkScripts = Path.of(value);
                        case "--mfa-users" -> mfaUsers = parseInt(arg, value);
                        case "--mail-dir" -> mailDirectory = Path.of(value);
                        default -> throw new UsageException("unknown option " + arg);
                    }
                }
            }
        }
        if (stack != null) {
            JsonNode json = readStack(stack);
            region = region != null ? region : text(json, "region");
            if (endpoint == null && !scenario.triggerRunnerInternal()) { // stack.json lists only public endpoints
                endpoint = text(json.path("endpoints"), scenario.identityPoolService() ? "identityPool" : "userPool");
            }
            if (userPoolEndpoint == null) {
                userPoolEndpoint = text(json.path("endpoints"), "userPool");
            }
            JsonNode credentials = json.path("operatorCredentials");
            accessKey = accessKey != null ? accessKey : text(credentials, "accessKeyId");
            secret = secret != null ? secret : text(credentials, "secretAccessKey");
        }
        if (endpoint == null) {
            endpoint = scenario.triggerRunnerInternal() ? "http://localhost:8094"
                    : scenario.identityPoolService() ? "http://localhost:8083" : "http://localhost:8081";
        }
        if (region == null) {
            region = "us-east-1";
        }
        if (userPoolEndpoint == null) {
            userPoolEndpoint = "http://localhost:8081";
        }
        if (serverPids != null) {
            // checked now (the names are looked up at the run)
            try {
                dev.cognate.benchmarks.load.server.ServerProcess.parseList(serverPids, pid -> "pid " + pid);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--server-pids: " + e.getMessage());
            }
            if (!serverCpu) {
                throw new UsageException("--no-server-cpu contradicts --server-pids");
            }
        }
        if (client == Client.WRK && !scenario.wrk()) {
            throw new UsageException("--client wrk runs " + wrkScenarioNames() + "; " + scenario.cliName() + " needs --client sdk");
        }
        if (wrkThreads < 1 || wrkThreads > concurrency) {
            throw new UsageException("--wrk-threads must be between 1 and --concurrency (" + concurrency + ")");
        }
        if (wrkScripts != null && !Files.isRegularFile(wrkScripts.resolve("common.lua"))) {
            throw new UsageException("--wrk-scripts: no common.lua in " + wrkScripts);
        }
        if (accessKey == null || secret == null) {
            throw new UsageException("operator credentials missing: give --access-key and --secret, or --stack");
        }
        if (duration.isZero() || duration.isNegative() || duration.compareTo(MAX_DURATION) > 0) {
            throw new UsageException("--duration must be more than 0 and at most 1h");
        }
        if (warmup.isNegative() || warmup.compareTo(MAX_DURATION) > 0) {
            throw new UsageException("--warmup must be between 0 and 1h");
        }
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new UsageException("--timeout must be more than 0 and at most 5m");
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new UsageException("--concurrency must be between 1 and " + MAX_CONCURRENCY);
        }
        if (maxRequests < 1) {
            throw new UsageException("--max-requests must be at least 1");
        }
        if (scenario.seededPool() && (pool == null || users < 1)) {
            throw new UsageException(scenario.cliName() + " needs --pool (a pool filled by SeedUsers) and --users >= 1");
        }
        if (scenario == Scenario.TOKEN_AUTHORIZATION_CODE && warmup.plus(duration).compareTo(Duration.ofMinutes(4)) > 0) {
            throw new UsageException("token-authorization-code: --warmup plus --duration must stay under 4m (codes live 5 minutes)");
        }
        if (mfaUsers < 1 || mfaUsers > MAX_MFA_USERS) {
            throw new UsageException("--mfa-users must be between 1 and " + MAX_MFA_USERS);
        }
        // The stack records its processes beside stack.json: deploy/local/.state/{stack.json,local-stack.pid,run-id}.
        Path stateDirectory = stack != null && stack.toAbsolutePath().getParent() != null ? stack.toAbsolutePath().getParent()
                : DEFAULT_STACK.toAbsolutePath().getParent();
        if (mailDirectory == null) {
            // The stack writes its mail beside stack.json: deploy/local/.state/{stack.json,mail/}.
            mailDirectory = stack != null && stack.toAbsolutePath().getParent() != null
                    ? stack.toAbsolutePath().getParent().resolve("mail") : DEFAULT_MAIL;
        }
        URI uri = checkEndpoint(endpoint, allowRemote);
        URI userPoolUri = scenario.identityFlow() || scenario.triggerRunnerInternal()
                ? checkEndpoint(userPoolEndpoint, allowRemote) : URI.create(userPoolEndpoint);
        return new LoadOptions(scenario, uri, region, accessKey, secret, duration, warmup, concurrency, maxRequests,
                timeout, allowRemote, pool, users, redis, userPoolUri, serverPids, serverCpu, stateDirectory, mfaUsers, mailDirectory,
                client, wrkThreads, wrkScripts);
    }

    /** An http(s) URL whose host resolves only to loopback addresses, unless remote endpoints are allowed. */
    static URI checkEndpoint(String endpoint, boolean allowRemote) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--endpoint is not a URL: " + endpoint);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new UsageException("--endpoint must be an http:// or https:// URL with a host: " + endpoint);
        }
        if (!allowRemote) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(uri.getHost());
            } catch (UnknownHostException e) {
                throw new UsageException("cannot resolve the endpoint's host " + uri.getHost());
            }
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    throw new UsageException("refusing to load " + uri.getHost() + " (" + address.getHostAddress()
                            + "): not a loopback address. Pass --allow-remote if you really mean to load another machine.");
                }
            }
        }
        return uri;
    }

    private static JsonNode readStack(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + " not found: is the local stack running? (deploy/local/run up --detach)");
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    static Duration parseDuration(String option, String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException(option + ": not a duration (e.g. 30s, 500ms, 2m): " + value);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static long parsePid(String value) {
        try {
            long pid = Long.parseLong(value.trim());
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("--server-pid must be a process id: " + value);
    }

    /** Whether the endpoint's host is this machine, where the server's processes can be found. */
    boolean localEndpoint() {
        try {
            for (InetAddress address : InetAddress.getAllByName(endpoint.getHost())) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The Redis port of {@code --redis} (6379 when it names none). */
    int redisPort() {
        int colon = redis.lastIndexOf(':');
        try {
            return colon < 0 ? 6379 : Integer.parseInt(redis.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": not a number: " + value);
        }
    }

    /** A bad command line: the message, then the usage. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
