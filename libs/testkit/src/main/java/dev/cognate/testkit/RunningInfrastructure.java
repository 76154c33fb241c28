package dev.cognate.testkit;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

/**
 * PostgreSQL, Redis and Kafka started by {@link EmbeddedInfrastructure}. Each can be stopped and started again on
 * the same port with the same data, e.g. to test how a service copes with an outage. {@link #close()} stops all
 * three; a JVM shutdown hook does the same if nobody calls it.
 */
public final class RunningInfrastructure implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunningInfrastructure.class);

    private final PostgresServer postgres;
    private final RedisServerProcess redis;
    private final KafkaBroker kafka;
    private final ServerGroup servers;
    private final Path temporaryRoot;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    RunningInfrastructure(PostgresServer postgres, RedisServerProcess redis, KafkaBroker kafka, ServerGroup servers,
            Path temporaryRoot) {
        this.postgres = postgres;
        this.redis = redis;
        this.kafka = kafka;
        this.servers = servers;
        this.temporaryRoot = temporaryRoot;
        this.shutdownHook = new Thread(this::closeOnShutdown, "cognate-infra-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public String postgresHost() {
        return Ports.LOOPBACK;
    }

    public int postgresPort() {
        return postgres.port();
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/cognate}; user and password are {@code cognate}. */
    public String postgresJdbcUrl() {
        return "jdbc:postgresql://" + postgresHost() + ":" + postgresPort() + "/" + EmbeddedInfrastructure.DB_NAME;
    }

    public int redisPort() {
        return redis.port();
    }

    /** {@code redis://127.0.0.1:PORT} */
    public String redisUri() {
        return "redis://" + Ports.LOOPBACK + ":" + redisPort();
    }

    public int kafkaPort() {
        return kafka.port();
    }

    /** {@code 127.0.0.1:PORT} */
    public String kafkaBootstrapServers() {
        return Ports.LOOPBACK + ":" + kafkaPort();
    }

    /** The configuration a Cognate service needs to use this infrastructure; see {@link QuarkusConfigKeys}. */
    public Map<String, String> quarkusConfig() {
        return QuarkusConfigKeys.overrides(postgresHost(), postgresPort(), Ports.LOOPBACK + ":" + redisPort(),
                kafkaBootstrapServers());
    }

    public void stopPostgres() {
        control(postgres, false);
    }

    public void startPostgres() {
        control(postgres, true);
    }

    public void stopRedis() {
        control(redis, false);
    }

    public void startRedis() {
        control(redis, true);
    }

    public void stopKafka() {
        control(kafka, false);
    }

    public void startKafka() {
        control(kafka, true);
    }

    public boolean isPostgresRunning() {
        return postgres.isRunning();
    }

    public boolean isRedisRunning() {
        return redis.isRunning();
    }

    public boolean isKafkaRunning() {
        return kafka.isRunning();
    }

    /** Stops all three servers and, for temporary infrastructure, deletes the data. Safe to call twice. */
    @Override
    public void close() {
        if (shutdown()) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or about to; it finds everything closed.
            }
        }
    }

    private void closeOnShutdown() {
        shutdown();
    }

    private boolean shutdown() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        long stoppingAt = System.nanoTime();
        servers.stopAll();
        if (temporaryRoot != null) {
            TemporaryDirectories.deleteQuietly(temporaryRoot);
        }
        LOG.infof("Embedded infrastructure stopped in %d ms", (System.nanoTime() - stoppingAt) / 1_000_000);
        return true;
    }

    private void control(ManagedServer server, boolean start) {
        if (closed.get()) {
            throw new IllegalStateException("The embedded infrastructure is closed");
        }
        String action = start ? "start" : "stop";
        // Called from test methods, whose context class loader may be a Quarkus one; see ServerGroup.
        Thread thread = Thread.currentThread();
        ClassLoader callerLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(RunningInfrastructure.class.getClassLoader());
        try {
            long begin = System.nanoTime();
            if (start) {
                server.start();
            } else {
                server.stop();
            }
            LOG.infof("%s %s on port %d in %d ms", start ? "Started" : "Stopped", server.name(), server.port(),
                    (System.nanoTime() - begin) / 1_000_000);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not " + action + " " + server.name() + ": " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(callerLoader);
        }
    }
}
