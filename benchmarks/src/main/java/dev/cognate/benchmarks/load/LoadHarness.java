package dev.cognate.benchmarks.load;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.sts.StsClient;

import dev.cognate.benchmarks.load.server.ServerCpu;
import dev.cognate.benchmarks.load.server.ServerCpuUse;
import dev.cognate.benchmarks.load.wrk.Wrk;
import dev.cognate.benchmarks.load.wrk.WrkRequest;
import dev.cognate.benchmarks.load.wrk.WrkSummary;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives one scenario against a running Cognate endpoint with the real AWS SDK for Java v2 (sync clients,
 * Apache HTTP client with one connection per worker), from {@code --concurrency} threads calling in a closed
 * loop, and prints the number of requests, the errors by type, the throughput and the latency percentiles.
 *
 * <p>Bounded: a warm-up, then the measured duration, and never more than {@code --max-requests} measured
 * requests; each request has a timeout, and the run ends by itself. Refuses endpoints that are not loopback
 * unless {@code --allow-remote}. What it creates (a pool to describe, or the pools of create-user-pool) it
 * deletes at the end, also on Ctrl-C. Exit code: 0 if any request succeeded, 1 if none did or the set-up
 * failed, 2 for a bad command line. See benchmarks/README.md.
 */
public final class LoadHarness {

    private final LoadOptions options;
    private final String runId = Long.toString(System.currentTimeMillis() / 1000, 36)
            + Integer.toString((int) (Math.random() * 36 * 36), 36);
    private final SdkHttpClient http;
    private final CognitoIdentityProviderClient idp;
    private final CognitoIdentityClient identity;

    /** User pools this run created and has not deleted yet. */
    private final ConcurrentLinkedQueue<String> createdPools = new ConcurrentLinkedQueue<>();
    /** Identity pools this run created and has not deleted yet. */
    private final ConcurrentLinkedQueue<String> createdIdentityPools = new ConcurrentLinkedQueue<>();
    /** The identity scenarios' user, identity pool, identity and credentials. */
    private volatile IdentityFlow identityFlow;
    /** get-caller-identity: an STS client signing with the credentials vended at set-up. */
    private volatile StsClient sts;
    private final AtomicBoolean cleanedUp = new AtomicBoolean();
    private final AtomicInteger poolSequence = new AtomicInteger();
    private final AtomicInteger userSequence = new AtomicInteger();
    private volatile String describedPoolId;
    private volatile String clientId;
    private volatile String refreshToken;
    private volatile String accessToken;
    /** The OAuth scenarios' state: set up once, read by every worker. */
    private volatile OAuthScenarios oauth;
    private final OAuthEndpoints oauthEndpoints;
    /** The trigger scenarios' function on loopback; null for the others. */
    private volatile LoopbackFunction function;
    private final TriggerInvokeApi triggerInvokeApi;
    /** sign-in-totp, sign-in-email-otp: the scenario's users and its two-step sign-in; null for the others. */
    private volatile TwoStepSignIn twoStepSignIn;

    /** Email-shaped so that cognito-local (which insists on it) runs the same scenarios for comparison. */
    private static final String SIGN_IN_USER = "load-user@example.com";
    private static final String SIGN_IN_PASSWORD = "Load-Test-Passw0rd";

    private LoadHarness(LoadOptions options) {
        this.options = options;
        this.oauthEndpoints = new OAuthEndpoints(options.endpoint(), options.requestTimeout());
        this.triggerInvokeApi = new TriggerInvokeApi(options.endpoint(), options.requestTimeout());
        this.http = ApacheHttpClient.builder()
                .maxConnections(options.concurrency())
                .connectionTimeout(Duration.ofSeconds(5))
                .connectionAcquisitionTimeout(options.requestTimeout())
                .socketTimeout(options.requestTimeout())
                .build();
        ClientOverrideConfiguration override = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry()) // every failure is counted, none hidden by a retry
                .apiCallTimeout(options.requestTimeout())
                .build();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(options.accessKey(), options.secret()));
        if (options.scenario().triggerRunnerInternal()) {
            // The pool whose webhook secret signs the calls is made on user-pool-service; the load goes to trigger-runner.
            this.identity = null;
            this.idp = CognitoIdentityProviderClient.builder().endpointOverride(options.userPoolEndpoint())
                    .region(Region.of(options.region())).credentialsProvider(credentials)
                    .httpClient(http).overrideConfiguration(override).build();
        } else if (options.scenario().identityPoolService()) {
            // The identity scenarios sign a user in to a user pool first: user-pool-service is then the second endpoint.
            this.idp = !options.scenario().identityFlow() ? null : CognitoIdentityProviderClient.builder()
                    .endpointOverride(options.userPoolEndpoint()).region(Region.of(options.region())).credentialsProvider(credentials)
                    .httpClient(http).overrideConfiguration(override).build();
            this.identity = CognitoIdentityClient.builder().endpointOverride(options.endpoint())
                    .region(Region.of(options.region())).credentialsProvider(credentials)
                    .httpClient(http).overrideConfiguration(override).build();
        } else {
            this.identity = null;
            this.idp = CognitoIdentityProviderClient.builder().endpointOverride(options.endpoint())
                    .region(Region.of(options.region())).credentialsProvider(credentials)
                    .httpClient(http).overrideConfiguration(override).build();
        }
    }

    public static void main(String[] args) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (LoadOptions.UsageException | IllegalArgumentException e) {
            if (e.getMessage() != null) {
                System.err.println("LoadHarness: " + e.getMessage());
                System.err.println();
            }
            System.err.print(LoadOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        int status;
        try {
            status = new LoadHarness(options).run();
        } catch (RuntimeException | LinkageError e) {
            System.err.println("LoadHarness: " + e.getClass().getSimpleName() + ": " + describe(e));
            status = 1;
        }
        System.exit(status);
    }

    private int run() {
        LoadOptions o = options;
        System.out.printf(Locale.ROOT, "Cognate load harness: %s against %s (region %s)%n", o.scenario().cliName(), o.endpoint(), o.region());
        System.out.printf(Locale.ROOT, "concurrency %d, warm-up %s, measured %s, at most %d measured requests, request timeout %s%n",
                o.concurrency(), human(o.warmup()), human(o.duration()), o.maxRequests(), human(o.requestTimeout()));
        System.out.printf(Locale.ROOT, "%d CPUs, load average at start %s%n", Runtime.getRuntime().availableProcessors(), loadAverage());
        Thread cleanupOnExit = new Thread(this::cleanUp, "load-harness-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
        try {
            setUp();
            ServerCpu serverCpu = serverCpu();
            Result result = options.client() == LoadOptions.Client.WRK ? driveWrk(serverCpu) : drive(serverCpu);
            System.out.printf(Locale.ROOT, "load average at end %s%n", loadAverage());
            result.print(System.out);
            if (twoStepSignIn != null) {
                twoStepSignIn.report(System.out);
            }
            return result.ok() > 0 ? 0 : 1;
        } finally {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run
            }
            if (idp != null) {
                idp.close();
            }
            if (identity != null) {
                identity.close();
            }
            if (sts != null) {
                sts.close();
            }
            if (twoStepSignIn != null) {
                twoStepSignIn.close();
            }
            if (function != null) {
                System.out.printf(Locale.ROOT, "the loopback function answered %d trigger calls in all%n", function.calls());
                function.close();
            }
            http.close();
        }
    }

    private void setUp() {
        if (options.scenario().identityFlow()) {
            setUpIdentityFlow();
        }
        if (options.scenario() == Scenario.DESCRIBE_USER_POOL || options.scenario() == Scenario.ADMIN_CREATE_USER) {
            describedPoolId = createPool();
            System.out.println("created user pool " + describedPoolId + " for the run (deleted at the end)");
        }
        if (options.scenario().oauth()) {
            oauth = OAuthScenarios.setUp(idp, oauthEndpoints, createPool(), SIGN_IN_USER, SIGN_IN_PASSWORD, options, false);
        }
        if (options.scenario().loopbackFunction()) {
            function = LoopbackFunction.start(options.concurrency() + 2);
        }
        if (options.scenario() == Scenario.TRIGGER_INVOKE) {
            describedPoolId = createPool();
            var answer = triggerInvokeApi.invoke(describedPoolId, function.url());
            requireAddedClaim(answer.path("response").path("claimsOverrideDetails").path("claimsToAddOrOverride"), "trigger-runner's answer");
            System.out.println("created user pool " + describedPoolId + " (its webhook secret signs the calls; deleted at the end);"
                    + " the function at " + function.url() + " answers through trigger-runner");
        }
        if (options.scenario() == Scenario.SIGN_IN_TOTP) {
            twoStepSignIn = TotpSignIn.setUp(idp, poolName("totp"), options.concurrency(), options.mfaUsers(), createdPools::add);
        }
        if (options.scenario() == Scenario.SIGN_IN_EMAIL_OTP) {
            twoStepSignIn = EmailOtpSignIn.setUp(idp, poolName("email-otp"), runId, options.concurrency(), options.mailDirectory(),
                    options.requestTimeout(), createdPools::add);
        }
        if (options.scenario().signIn()) {
            describedPoolId = createPool();
            if (options.scenario().preTokenGeneration()) {
                String poolId = describedPoolId;
                idp.updateUserPool(r -> r.userPoolId(poolId).lambdaConfig(c -> c.preTokenGeneration(function.url())));
            }
            clientId = idp.createUserPoolClient(r -> r.userPoolId(describedPoolId).clientName("load")
                    .explicitAuthFlowsWithStrings("ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))
                    .userPoolClient().clientId();
            idp.adminCreateUser(r -> r.userPoolId(describedPoolId).username(SIGN_IN_USER).temporaryPassword(SIGN_IN_PASSWORD)
                    .messageAction(software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType.SUPPRESS));
            idp.adminSetUserPassword(r -> r.userPoolId(describedPoolId).username(SIGN_IN_USER).password(SIGN_IN_PASSWORD).permanent(true));
            var tokens = passwordSignIn().authenticationResult();
            refreshToken = tokens.refreshToken();
            accessToken = tokens.accessToken();
            if (options.scenario().preTokenGeneration()) {
                requireAddedClaim(jwtClaims(tokens.idToken()), "the ID token of a set-up sign-in");
                System.out.println("PreTokenGeneration: " + function.url() + " (a function in this JVM) adds "
                        + LoopbackFunction.CLAIM + " to every ID token");
            }
            System.out.println("created user pool " + describedPoolId + " with a client and a user for the run (deleted at the end)");
        }
    }

    /** A signed-in user, an identity pool trusting its user pool, its identity and, for get-caller-identity, an STS client. */
    private void setUpIdentityFlow() {
        IdentityFlow flow = IdentityFlow.setUp(idp, options.userPoolEndpoint(), identity, runId, createdPools::add,
                createdIdentityPools::add);
        identityFlow = flow;
        System.out.printf(Locale.ROOT, "created user pool %s (one user signed in) and identity pool %s trusting it, identity %s"
                + " (deleted at the end)%n", flow.userPoolId(), flow.identityPoolId(), flow.identityId());
        if (options.scenario() == Scenario.GET_CALLER_IDENTITY) {
            sts = StsClient.builder().endpointOverride(options.endpoint().resolve("/sts")).region(Region.of(options.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                            flow.credentials().accessKeyId(), flow.credentials().secretKey(), flow.credentials().sessionToken())))
                    .httpClient(http)
                    .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry())
                            .apiCallTimeout(options.requestTimeout()).build())
                    .build();
            System.out.println("STS GetCallerIdentity with the vended credentials: " + sts.getCallerIdentity().arn());
        }
    }

    /** A run that does not go through the trigger measures the wrong thing: stop before it starts. */
    private static void requireAddedClaim(com.fasterxml.jackson.databind.JsonNode claims, String where) {
        if (!LoopbackFunction.CLAIM_VALUE.equals(claims.path(LoopbackFunction.CLAIM).asText())) {
            throw new IllegalStateException(where + " lacks the claim the trigger adds: " + claims);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode jwtClaims(String jwt) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse passwordSignIn() {
        return idp.initiateAuth(r -> r.clientId(clientId).authFlow("USER_PASSWORD_AUTH")
                .authParameters(Map.of("USERNAME", SIGN_IN_USER, "PASSWORD", SIGN_IN_PASSWORD)));
    }

    private String poolName(String purpose) {
        return "cognate-load-" + runId + "-" + purpose;
    }

    private String createPool() {
        String name = "cognate-load-" + runId + "-" + poolSequence.incrementAndGet();
        String id = idp.createUserPool(r -> r.poolName(name)).userPool().id();
        createdPools.add(id);
        return id;
    }

    private long randomUser() {
        return java.util.concurrent.ThreadLocalRandom.current().nextLong(1, options.users() + 1);
    }

    /** One request of the scenario; throws what the SDK throws. */
    private void call() {
        switch (options.scenario()) {
            case DESCRIBE_USER_POOL -> idp.describeUserPool(r -> r.userPoolId(describedPoolId));
            case LIST_USER_POOLS -> idp.listUserPools(r -> r.maxResults(60));
            case CREATE_USER_POOL -> createPool();
            case ADMIN_CREATE_USER -> idp.adminCreateUser(r -> r.userPoolId(describedPoolId)
                    .username("load-" + userSequence.incrementAndGet()).temporaryPassword("Load-Test-Passw0rd")
                    .messageAction(software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType.SUPPRESS));
            case LIST_IDENTITY_POOLS -> identity.listIdentityPools(r -> r.maxResults(60));
            case GET_ID -> identity.getId(r -> r.identityPoolId(identityFlow.identityPoolId()).logins(identityFlow.logins()));
            case GET_CREDENTIALS_FOR_IDENTITY -> identity.getCredentialsForIdentity(r -> r.identityId(identityFlow.identityId())
                    .logins(identityFlow.logins()));
            case GET_CALLER_IDENTITY -> sts.getCallerIdentity();
            case LIST_USERS_EXACT -> idp.listUsers(r -> r.userPoolId(options.pool())
                    .filter("email = \"" + SeedUsers.email(randomUser()) + "\""));
            case LIST_USERS_PREFIX -> idp.listUsers(r -> r.userPoolId(options.pool()).limit(60)
                    .filter("family_name ^= \"" + SeedUsers.familyNamePrefix(randomUser()) + "\""));
            case INITIATE_AUTH_PASSWORD, SIGN_IN_PRE_TOKEN_GENERATION -> passwordSignIn();
            case INITIATE_AUTH_SRP -> SrpSignIn.signIn(idp, clientId, describedPoolId, SIGN_IN_USER, SIGN_IN_PASSWORD);
            case REFRESH_TOKEN, REFRESH_PRE_TOKEN_GENERATION -> idp.initiateAuth(r -> r.clientId(clientId).authFlow("REFRESH_TOKEN_AUTH")
                    .authParameters(Map.of("REFRESH_TOKEN", refreshToken)));
            case GET_USER -> idp.getUser(r -> r.accessToken(accessToken));
            case TOKEN_AUTHORIZATION_CODE, TOKEN_REFRESH, TOKEN_CLIENT_CREDENTIALS, DISCOVERY, JWKS, USERINFO -> oauth.call(options.scenario());
            case TRIGGER_INVOKE -> triggerInvokeApi.invoke(describedPoolId, function.url());
            case SIGN_IN_TOTP, SIGN_IN_EMAIL_OTP -> twoStepSignIn.signIn();
        }
    }

    /** The server side whose CPU the run counts ({@link ServerSide}); null when not measured. */
    private ServerCpu serverCpu() {
        String service = options.scenario().triggerRunnerInternal() ? "trigger-runner"
                : options.scenario().identityPoolService() ? "identity-pool-service" : "user-pool-service";
        return ServerSide.cognate(options, service);
    }

    /**
     * The run with wrk: the request checked once from this JVM (a run of refusals measures nothing), a warm-up run, then
     * the measured run with the server's CPU read around it.
     */
    private Result driveWrk(ServerCpu serverCpu) {
        Scenario scenario = options.scenario();
        call(); // the same request, once, through the SDK or the JDK's client: it must succeed
        try (Wrk wrk = new Wrk(options.wrkScripts(), options.wrkThreads(), options.concurrency(), options.requestTimeout())) {
            if (!options.warmup().isZero()) {
                Wrk.Run warm = wrk.run(options.endpoint(), wrkRequest(wrk, "warm-up"), options.warmup());
                System.out.printf(Locale.ROOT, "warm-up      %d requests in %.2f s (%d errors)%n", warm.summary().requests(),
                        warm.summary().seconds(), warm.summary().status() + warm.summary().socketErrors());
            }
            var request = wrkRequest(wrk, "measured");
            ServerCpu.Sample start = serverCpu == null ? null : serverCpu.sample();
            Wrk.Run run = wrk.run(options.endpoint(), request, options.duration());
            ServerCpuUse cpuUse = serverCpu == null ? null : serverCpu.between(start, serverCpu.sample());
            WrkSummary summary = run.summary();
            System.out.printf(Locale.ROOT, "wrk          -t%d -c%d %s (%s)%n", wrk.threads(), options.concurrency(), request.script(),
                    scenario.cliName());
            Map<String, String> firstMessages = new TreeMap<>();
            summary.errors().keySet().forEach(type -> firstMessages.put(type, "(wrk keeps no message; latencies include these)"));
            LatencySummary latency = new LatencySummary((int) Math.min(Integer.MAX_VALUE, summary.ok()), summary.p50(), summary.p90(),
                    summary.p99(), summary.max(), summary.mean());
            return new Result(latency, new TreeMap<>(summary.errors()), firstMessages, Math.round(summary.seconds() * 1e9), cpuUse,
                    "wrk", run.clientCpuSeconds());
        }
    }

    /** What wrk sends for the scenario; token-authorization-code: codes of their own for each wrk run. */
    private WrkRequest wrkRequest(Wrk wrk, String phase) {
        Scenario scenario = options.scenario();
        if (scenario.oauth()) {
            String codes = null;
            if (scenario == Scenario.TOKEN_AUTHORIZATION_CODE) {
                Path file = wrk.file("codes-" + phase + ".txt");
                try {
                    java.nio.file.Files.write(file, oauth.mintCodes(OAuthScenarios.codesPerRun(options)));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                codes = file.toString();
            }
            return oauth.wrkRequest(scenario, codes, wrk.threads());
        }
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        try {
            return switch (scenario) {
                case GET_USER -> WrkRequest.cognito("GetUser", json.writeValueAsString(Map.of("AccessToken", accessToken)));
                case INITIATE_AUTH_PASSWORD -> WrkRequest.cognito("InitiateAuth", json.writeValueAsString(Map.of(
                        "AuthFlow", "USER_PASSWORD_AUTH", "ClientId", clientId,
                        "AuthParameters", Map.of("USERNAME", SIGN_IN_USER, "PASSWORD", SIGN_IN_PASSWORD))));
                case REFRESH_TOKEN -> WrkRequest.cognito("InitiateAuth", json.writeValueAsString(Map.of(
                        "AuthFlow", "REFRESH_TOKEN_AUTH", "ClientId", clientId, "AuthParameters", Map.of("REFRESH_TOKEN", refreshToken))));
                default -> throw new IllegalArgumentException(scenario.cliName() + " has no wrk script");
            };
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Result drive(ServerCpu serverCpu) {
        int workers = options.concurrency();
        long start = System.nanoTime();
        long measureFrom = start + options.warmup().toNanos();
        long measureUntil = measureFrom + options.duration().toNanos();
        if (twoStepSignIn != null) {
            twoStepSignIn.measureFrom(measureFrom);
        }
        AtomicLong measured = new AtomicLong();
        AtomicLong lastCompletion = new AtomicLong(measureFrom);
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        Map<String, String> firstMessages = new ConcurrentHashMap<>();
        List<LongList> latencies = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            latencies.add(new LongList());
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "load-worker");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < workers; i++) {
            LongList mine = latencies.get(i);
            pool.execute(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    // Not timed: sign-in-totp may wait for the next TOTP step here.
                    if (twoStepSignIn != null && !twoStepSignIn.prepare(measureUntil)) {
                        return;
                    }
                    long t0 = System.nanoTime();
                    if (t0 - measureUntil >= 0) {
                        return;
                    }
                    boolean counted = t0 - measureFrom >= 0;
                    if (counted && measured.incrementAndGet() > options.maxRequests()) {
                        return;
                    }
                    String error = null;
                    try {
                        call();
                    } catch (RuntimeException e) {
                        error = errorType(e);
                        if (counted) {
                            firstMessages.putIfAbsent(error, describe(e));
                        }
                    }
                    long t1 = System.nanoTime();
                    if (counted) {
                        if (error == null) {
                            mine.add(t1 - t0);
                        } else {
                            errors.computeIfAbsent(error, k -> new LongAdder()).increment();
                        }
                        lastCompletion.accumulateAndGet(t1, (a, b) -> b - a > 0 ? b : a);
                    }
                }
            });
        }
        pool.shutdown();
        boolean finished;
        ServerCpu.Sample cpuAtStart = null;
        double clientCpuAtStart = 0;
        try {
            long bound = options.warmup().plus(options.duration()).plus(options.requestTimeout()).plusSeconds(10).toMillis();
            // The CPU (the server's and this client's) is counted over the measured time only, like the requests.
            TimeUnit.NANOSECONDS.sleep(Math.max(0, measureFrom - System.nanoTime()));
            cpuAtStart = serverCpu == null ? null : serverCpu.sample();
            clientCpuAtStart = ownCpuSeconds();
            bound -= TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            finished = pool.awaitTermination(Math.max(1, bound), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        ServerCpuUse cpuUse = serverCpu == null || cpuAtStart == null ? null : serverCpu.between(cpuAtStart, serverCpu.sample());
        double clientCpu = ownCpuSeconds() - clientCpuAtStart;
        if (!finished) {
            pool.shutdownNow();
            System.out.println("WARNING: some workers were still blocked in a request after the time limit; abandoned them");
        }
        long elapsed = Math.max(1, lastCompletion.get() - measureFrom);
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((type, count) -> errorCounts.put(type, count.sum()));
        // The workers are done (or abandoned, in which case their lists are read racily: good enough for a warning case).
        return new Result(LatencySummary.of(LongList.concat(latencies)), errorCounts, new TreeMap<>(firstMessages), elapsed, cpuUse,
                "this JVM", clientCpu);
    }

    /** This JVM's CPU seconds (all threads): the SDK client's cost, set-up threads and GC included. */
    private static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Deletes what the run created; runs once, from the end of the run or from the shutdown hook on Ctrl-C. */
    private void cleanUp() {
        if (!cleanedUp.compareAndSet(false, true)) {
            return;
        }
        String identityPoolId;
        while ((identityPoolId = createdIdentityPools.poll()) != null) {
            String id = identityPoolId;
            try {
                identity.deleteIdentityPool(r -> r.identityPoolId(id));
                System.out.println("deleted identity pool " + id);
            } catch (RuntimeException e) {
                System.out.printf(Locale.ROOT, "WARNING: identity pool %s was not deleted: %s%n", id, describe(e));
            }
        }
        if (idp == null || createdPools.isEmpty()) {
            return;
        }
        int total = createdPools.size();
        if (total > 1) {
            System.out.printf(Locale.ROOT, "deleting the %d user pools this run created...%n", total);
        }
        AtomicInteger failed = new AtomicInteger();
        Map<String, String> failures = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.concurrency(), total), runnable -> {
            Thread thread = new Thread(runnable, "load-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < Math.min(options.concurrency(), total); i++) {
            pool.execute(() -> {
                String id;
                while ((id = createdPools.poll()) != null) {
                    String poolId = id;
                    try {
                        idp.deleteUserPool(r -> r.userPoolId(poolId));
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        failures.putIfAbsent(errorType(e), poolId + ": " + describe(e));
                    }
                }
            });
        }
        pool.shutdown();
        boolean done;
        try {
            done = pool.awaitTermination(Math.max(60, total / 10), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            pool.shutdownNow();
        }
        int left = createdPools.size() + failed.get();
        if (left == 0) {
            System.out.printf(Locale.ROOT, "deleted the %d user pool(s) this run created%n", total);
        } else {
            System.out.printf(Locale.ROOT, "WARNING: %d of the %d user pools this run created were not deleted (names cognate-load-%s-*): %s%n",
                    left, total, runId, failures.values());
        }
    }

    /** AWS's error code ({@code __type}) for service errors, else the client-side exception (and its cause). */
    static String errorType(Throwable e) {
        if (e instanceof OAuthEndpoints.HttpStatusException refused) {
            return refused.type();
        }
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")";
        }
        if (e instanceof SdkClientException && e.getCause() != null) {
            return e.getClass().getSimpleName() + "/" + e.getCause().getClass().getSimpleName();
        }
        return e.getClass().getSimpleName();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2] + " (1, 5, 15 min)";
        } catch (java.io.IOException | RuntimeException e) {
            return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f (1 min)", load);
        }
    }

    static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /**
     * What a run measured; {@code serverCpu} null when not measured; {@code client}: what generated the load and
     * {@code clientCpuSeconds} the CPU it used during the measured time.
     */
    record Result(LatencySummary latency, Map<String, Long> errors, Map<String, String> firstMessages, long elapsedNanos,
                  ServerCpuUse serverCpu, String client, double clientCpuSeconds) {

        long ok() {
            return latency.count();
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        void print(java.io.PrintStream out) {
            double seconds = elapsedNanos / 1e9;
            long total = ok() + errorCount();
            out.println();
            out.printf(Locale.ROOT, "requests     %d in %.2f s (%d ok, %d errors)%n", total, seconds, ok(), errorCount());
            if (errors.isEmpty()) {
                out.println("errors       none");
            } else {
                errors.forEach((type, count) -> out.printf(Locale.ROOT, "errors       %-50s %d  first: %s%n",
                        type, count, firstMessages.get(type)));
            }
            out.printf(Locale.ROOT, "throughput   %.1f req/s (ok: %.1f req/s)%n", total / seconds, ok() / seconds);
            if (ok() > 0) {
                out.printf(Locale.ROOT, "latency (ok) p50 %s  p90 %s  p99 %s  max %s  (mean %s)%n",
                        ms(latency.p50()), ms(latency.p90()), ms(latency.p99()), ms(latency.max()), ms((long) latency.mean()));
            } else {
                out.println("latency (ok) no successful request");
            }
            if (serverCpu != null) {
                serverCpu.print(out, ok());
            }
            if (!Double.isNaN(clientCpuSeconds)) {
                out.printf(Locale.ROOT, "client CPU   %.2f s (%s, %.2f cores)%n", clientCpuSeconds, client, clientCpuSeconds / seconds);
            }
        }

        private static String ms(long nanos) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
    }
}
