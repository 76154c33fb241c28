package dev.cognate.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 17 from zonky's embedded binaries, with a database {@code cognate} owned by the login role
 * {@code cognate}. Services create their own schemas in it (Flyway {@code create-schemas=true}), which the owner
 * may do.
 */
final class PostgresServer implements ManagedServer {

    private static final Logger LOG = Logger.getLogger(PostgresServer.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final Path dataDirectory;
    private EmbeddedPostgres postgres;

    PostgresServer(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized boolean isRunning() {
        return postgres != null;
    }

    @Override
    public synchronized void start() throws IOException, SQLException {
        if (postgres != null) {
            return;
        }
        Ports.requireFree(port, name());
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres started;
        try {
            started = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    // We own the directory: kept for restarts and persistent stacks, deleted by the caller otherwise.
                    .setCleanDataDirectory(false)
                    // RunningInfrastructure registers one hook for all servers; zonky would add one per restart.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(STARTUP_TIMEOUT)
                    .setServerConfig("listen_addresses", Ports.LOOPBACK)
                    .start();
        } catch (IOException | RuntimeException e) {
            // zonky does not stop a postmaster whose startup it gave up on; it would outlive us.
            killPostmasterFromPidFile();
            throw e;
        }
        try {
            createRoleAndDatabase(started);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(started);
            throw e;
        }
        postgres = started;
    }

    @Override
    public synchronized void stop() throws IOException {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } finally {
            postgres = null;
        }
    }

    /** Idempotent, so it also runs on every restart of a persistent data directory. */
    private static void createRoleAndDatabase(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", EmbeddedInfrastructure.DB_USER)) {
                statement.execute("create role " + EmbeddedInfrastructure.DB_USER + " login password '"
                        + EmbeddedInfrastructure.DB_PASSWORD + "'");
            }
            if (!exists(connection, "select 1 from pg_database where datname = ?", EmbeddedInfrastructure.DB_NAME)) {
                // CREATE DATABASE cannot run in a transaction block; the connection is in auto-commit mode.
                statement.execute("create database " + EmbeddedInfrastructure.DB_NAME + " owner "
                        + EmbeddedInfrastructure.DB_USER);
            }
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private void killPostmasterFromPidFile() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
            postmaster.ifPresent(process -> {
                LOG.warnf("Stopping PostgreSQL postmaster %d left behind by a failed start", process.pid());
                process.destroy();
                try {
                    process.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    process.destroyForcibly();
                }
            });
        } catch (IOException | NumberFormatException e) {
            LOG.warnf(e, "Could not read %s to clean up after a failed PostgreSQL start", pidFile);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Could not stop PostgreSQL after a failed start", e);
        }
    }
}
