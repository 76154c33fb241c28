package dev.cognate.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import redis.embedded.RedisServer;

/**
 * Redis 6.2 from codemonstur's embedded binaries, bound to 127.0.0.1. Data lives in its own directory (append-only
 * file plus the snapshot Redis writes when it is stopped), so a restart keeps it.
 */
final class RedisServerProcess implements ManagedServer {

    private static final Logger LOG = Logger.getLogger(RedisServerProcess.class);
    private static final Logger REDIS_OUTPUT = Logger.getLogger("dev.cognate.testkit.redis-server");

    private final int port;
    private final Path dataDirectory;
    /** Built once: restarts reuse the extracted binary and the generated configuration file. */
    private RedisServer server;

    RedisServerProcess(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    @Override
    public String name() {
        return "Redis";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isActive();
    }

    @Override
    public synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        Ports.requireFree(port, name());
        Files.createDirectories(dataDirectory);
        if (server == null) {
            server = RedisServer.newRedisServer()
                    .bind(Ports.LOOPBACK)
                    .port(port)
                    .setting("dir \"" + dataDirectory + "\"")
                    .setting("appendonly yes")
                    .setting("daemonize no")
                    // Something must keep reading the pipes, or Redis blocks once it has logged 64 KiB.
                    .soutListener(line -> REDIS_OUTPUT.debug(line))
                    .serrListener(line -> REDIS_OUTPUT.debug(line))
                    .build();
        }
        startRetryingBusyBinary();
        LOG.debugf("Redis listening on %s:%d", Ports.LOOPBACK, port);
    }

    /**
     * The freshly extracted binary can be briefly "busy" (ETXTBSY, error=26) when another thread forks PostgreSQL
     * while the file is still open for writing: the child holds the descriptor until it execs. Wait and retry.
     */
    private void startRetryingBusyBinary() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                server.start();
                return;
            } catch (IOException | RuntimeException e) {
                if (attempt == 5 || !binaryBusy(e)) {
                    throw e;
                }
                LOG.debugf("Redis binary busy (attempt %d), retrying", attempt);
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean binaryBusy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("error=26")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void stop() throws IOException {
        if (isRunning()) {
            // SIGTERM: Redis writes its snapshot and exits; waits for the process to end.
            server.stop();
        }
    }
}
