package dev.cognate.local;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cognate.testkit.Ports;

/**
 * The one-command local stack, started by {@code deploy/local/run}: PostgreSQL, Redis and Kafka (testkit's
 * InfraMain), then the four services, then the demo user pool and the identity pool trusting it. Once everything is
 * ready it writes {@code stack.json} and prints the summary, then runs until it is told to stop (SIGINT/SIGTERM) or
 * one of its processes dies; either way it stops everything it started before exiting.
 */
public final class LocalStack {

    private static final Duration INFRASTRUCTURE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SERVICES_TIMEOUT = Duration.ofSeconds(120);
    private static final int LOG_TAIL_LINES = 40;

    private final StackLayout layout;
    private final InfraPorts infraPorts = InfraPorts.LOCAL;
    private final String region;
    private final ObjectMapper json = new ObjectMapper();
    private final StackProcesses processes = new StackProcesses();
    /** The archive each service makes or maps; settled once the services have stopped. */
    private final Map<ManagedProcess, StartupArchive> archives = new ConcurrentHashMap<>();

    LocalStack(StackLayout layout, String region) {
        this.layout = layout;
        this.region = region;
    }

    public static void main(String[] args) {
        StackLayout layout;
        try {
            layout = StackLayout.fromArguments(args);
        } catch (IllegalArgumentException e) {
            Console.error("%s", e.getMessage());
            System.exit(2);
            return;
        }
        String region = Optional.ofNullable(System.getenv("COGNATE_REGION")).filter(r -> !r.isBlank())
                .orElse("us-east-1");
        LocalStack stack = new LocalStack(layout, region);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));
        System.exit(stack.run());
    }

    /** Starts the stack and runs it; returns the exit code once it has failed or ended. */
    int run() {
        long startedAt = System.nanoTime();
        try {
            StackDescription description = start();
            Duration startup = Duration.ofNanos(System.nanoTime() - startedAt);
            String summary = StackSummary.render(description, layout, startup, signInAvailable(description));
            Files.writeString(layout.summaryFile(), summary, StandardCharsets.UTF_8);
            description.writeTo(layout.stackFile(), json);
            System.out.print(summary);
            System.out.flush();
            return awaitFirstExit();
        } catch (StartupException e) {
            Console.error("The stack did not start: %s", e.getMessage());
            e.culprit().ifPresent(process -> Console.error("Last %d lines of %s:%n%s", LOG_TAIL_LINES, process.log(),
                    process.logTail(LOG_TAIL_LINES)));
            return 1;
        } catch (StackProcesses.StoppingException e) {
            return 0;
        } catch (IOException e) {
            Console.error("The stack did not start: %s", e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private StackDescription start() throws StartupException, IOException, InterruptedException {
        Files.createDirectories(layout.logsDir());
        Files.deleteIfExists(layout.stackFile());
        Files.deleteIfExists(layout.summaryFile());
        requireFreePorts();
        LocalCredentials credentials = LocalCredentials.loadOrCreate(layout.credentialsFile(), json);

        Console.info("Starting PostgreSQL, Redis and Kafka (data in %s, log in %s)", layout.dataDir(),
                layout.logFile(InfrastructureProcess.NAME));
        InfrastructureProcess infrastructure = InfrastructureProcess.start(layout, infraPorts);
        processes.adoptInfrastructure(infrastructure.process());
        Console.info("Infrastructure is ready: %s", infrastructure.awaitReady(INFRASTRUCTURE_TIMEOUT));

        Map<CognateService, ManagedProcess> services = new LinkedHashMap<>();
        for (CognateService service : CognateService.ALL) {
            Optional<StartupArchive> archive = ServiceProcess.startupArchive(service, layout);
            ManagedProcess process = ServiceProcess.start(service, layout,
                    ServiceEnvironment.of(service, infraPorts, region, credentials, layout), archive);
            archive.ifPresent(a -> archives.put(process, a));
            if (archive.filter(StartupArchive::writesOnExit).isPresent()) {
                processes.adoptService(process, StartupArchive.WRITING_GRACE);
            } else {
                processes.adoptService(process);
            }
            services.put(service, process);
            Console.info("Started %s on port %d (pid %d, log in %s)", service.name(), service.port(), process.pid(),
                    process.log());
        }
        new ServiceReadiness().awaitAll(services, SERVICES_TIMEOUT);

        StackDescription.Demo demo;
        try (DemoSeeder seeder = new DemoSeeder(URI.create(CognateService.USER_POOL.baseUrl()), region,
                credentials)) {
            demo = seeder.seed(credentials.demoPassword()).orElse(null);
        }
        if (demo != null && demo.clientId() != null) {
            try (DemoIdentityPoolSeeder seeder = new DemoIdentityPoolSeeder(
                    URI.create(CognateService.IDENTITY_POOL.baseUrl()), region, credentials)) {
                demo = demo.withIdentityPool(seeder.seed(CognateService.USER_POOL.baseUrl(), demo.userPoolId(),
                        demo.clientId()).orElse(null));
            }
        }
        return new StackDescription(region, StackDescription.Endpoints.local(),
                new StackDescription.OperatorCredentials(credentials.operatorAccessKeyId(),
                        credentials.operatorSecretAccessKey()),
                demo);
    }

    private static boolean signInAvailable(StackDescription description) throws InterruptedException {
        return description.demo() != null && new ReadinessProbe().answersOk(CognateService.USER_POOL.baseUrl() + "/"
                + description.demo().userPoolId() + "/.well-known/openid-configuration");
    }

    /** One clear message naming every busy port, instead of the first server dying on a bind error. */
    private void requireFreePorts() throws StartupException {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(infraPorts.postgres(), "PostgreSQL");
        ports.put(infraPorts.redis(), "Redis");
        ports.put(infraPorts.kafka(), "Kafka");
        CognateService.ALL.forEach(service -> ports.put(service.port(), service.name()));
        ports.put(CognateService.USER_POOL_INTERNAL_PORT, CognateService.USER_POOL.name() + " internal API");
        ports.put(CognateService.TRIGGER_RUNNER_INTERNAL_PORT, CognateService.TRIGGER_RUNNER.name() + " internal API");
        List<String> busy = new ArrayList<>();
        ports.forEach((port, owner) -> {
            if (!Ports.isFree(port)) {
                busy.add(port + " (" + owner + ")");
            }
        });
        if (!busy.isEmpty()) {
            throw new StartupException("port(s) already in use: " + String.join(", ", busy)
                    + ". Is another stack running? Stop it with deploy/local/run down, or find the owner with"
                    + " ss -ltnp (see deploy/local/README.md, Troubleshooting).");
        }
    }

    /** Runs until a process exits; that is a failure unless the stack is being stopped. */
    private int awaitFirstExit() {
        ManagedProcess exited = processes.firstExit().join();
        if (processes.isStopping()) {
            return 0;
        }
        Console.error("%s exited with code %d; stopping the stack. Last %d lines of %s:%n%s", exited.name(),
                exited.exitCode(), LOG_TAIL_LINES, exited.log(), exited.logTail(LOG_TAIL_LINES));
        return 1;
    }

    /** Keeps the class-data-sharing archive of each service that made one and exited cleanly (StartupArchive). */
    private void settleStartupArchives() {
        archives.forEach((process, archive) -> {
            if (process.isAlive()) {
                return;
            }
            try {
                if (archive.settle(process.exitCode())) {
                    Console.info("Kept %s's class-data-sharing archive for faster starts: %s", process.name(),
                            archive.file());
                }
            } catch (IOException e) {
                Console.warn("Could not keep %s's class-data-sharing archive: %s", process.name(), e.getMessage());
            }
        });
    }

    /** Stops everything this stack started and withdraws its description. Safe to call more than once. */
    void stop() {
        if (!processes.stopAll()) {
            return;
        }
        settleStartupArchives();
        try {
            Files.deleteIfExists(layout.stackFile());
            Files.deleteIfExists(layout.summaryFile());
        } catch (IOException e) {
            Console.warn("Could not remove %s: %s", layout.stackFile(), e.getMessage());
        }
        Console.info("Stopped everything the stack started.");
    }
}
