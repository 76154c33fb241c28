package dev.cognate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * Starts real PostgreSQL, Redis and a Kafka broker (KRaft) on loopback, without Docker, in parallel.
 *
 * <pre>{@code
 * try (RunningInfrastructure infra = EmbeddedInfrastructure.start(InfraOptions.ephemeral())) {
 *     String jdbcUrl = infra.postgresJdbcUrl();
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedInfrastructure {

    /** Database, login role and password created in PostgreSQL. */
    public static final String DB_NAME = "cognate";
    public static final String DB_USER = "cognate";
    public static final String DB_PASSWORD = "cognate";

    private static final Logger LOG = Logger.getLogger(EmbeddedInfrastructure.class);

    private EmbeddedInfrastructure() {
    }

    /**
     * Starts all three servers and returns once each accepts clients (about 3 s).
     *
     * @throws InfrastructureStartException if one of them cannot start; the others are stopped again first
     */
    public static RunningInfrastructure start(InfraOptions options) {
        ThirdPartyLogging.quiet();
        long startedAt = System.nanoTime();
        int[] freePorts = Ports.pickFree(4);
        int postgresPort = orElse(options.postgresPort(), freePorts[0]);
        int redisPort = orElse(options.redisPort(), freePorts[1]);
        int kafkaPort = orElse(options.kafkaPort(), freePorts[2]);
        int kafkaControllerPort = freePorts[3];

        Path root = options.isEphemeral() ? createTemporaryRoot() : options.dataDirectory();
        Path temporaryRoot = options.isEphemeral() ? root : null;
        PostgresServer postgres = new PostgresServer(postgresPort, root.resolve("postgres"));
        RedisServerProcess redis = new RedisServerProcess(redisPort, root.resolve("redis"));
        KafkaBroker kafka = new KafkaBroker(kafkaPort, kafkaControllerPort, root.resolve("kafka"));
        ServerGroup servers = new ServerGroup(List.of(postgres, redis, kafka));
        try {
            servers.startAll();
        } catch (RuntimeException e) {
            if (temporaryRoot != null) {
                TemporaryDirectories.deleteQuietly(temporaryRoot);
            }
            throw e;
        }
        RunningInfrastructure infrastructure = new RunningInfrastructure(postgres, redis, kafka, servers, temporaryRoot);
        LOG.infof("Embedded infrastructure up in %d ms: PostgreSQL %s:%d, Redis %s, Kafka %s, data in %s",
                (System.nanoTime() - startedAt) / 1_000_000, infrastructure.postgresHost(),
                infrastructure.postgresPort(), infrastructure.redisUri(), infrastructure.kafkaBootstrapServers(),
                temporaryRoot != null ? "temporary " + root : root);
        return infrastructure;
    }

    private static int orElse(int requested, int fallback) {
        return requested != 0 ? requested : fallback;
    }

    private static Path createTemporaryRoot() {
        try {
            return Files.createTempDirectory("cognate-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary data directory", e);
        }
    }
}
