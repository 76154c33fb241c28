package dev.cognate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

import org.jboss.logging.Logger;

/**
 * Runs PostgreSQL, Redis and Kafka until stopped, for the local stack or to share one set of servers between
 * test runs (see attach mode in the README).
 *
 * <pre>
 * java -cp CLASSPATH dev.cognate.testkit.InfraMain --data-dir deploy/local/.data \
 *      --postgres-port 15432 --redis-port 16379 --kafka-port 19092
 * </pre>
 *
 * Prints exactly one line to stdout, {@value #READY_MARKER} followed by the addresses, once everything accepts
 * clients; logs go to stderr. Stops everything on SIGTERM/SIGINT and when stdin reaches EOF, so a parent process that
 * dies (closing the pipe) does not leave the servers running.
 */
public final class InfraMain {

    public static final String READY_MARKER = "COGNATE_INFRA_READY";

    static {
        // Must run before the first logger exists, hence before LOG below.
        InfraMainLogging.configure();
    }

    private static final Logger LOG = Logger.getLogger(InfraMain.class);

    private InfraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        InfraMainArguments arguments;
        try {
            arguments = InfraMainArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(InfraMainArguments.USAGE);
            System.exit(2);
            return;
        }
        if (arguments.help()) {
            System.err.println(InfraMainArguments.USAGE);
            return;
        }

        RunningInfrastructure infrastructure;
        try {
            // Registers a shutdown hook that stops all servers on SIGTERM, SIGINT and System.exit.
            infrastructure = EmbeddedInfrastructure.start(arguments.options());
        } catch (RuntimeException e) {
            LOG.error(e.getMessage(), e);
            System.exit(1);
            return;
        }

        System.out.println(readyLine(infrastructure));
        System.out.flush();

        if (arguments.watchStdin()) {
            watchStdin(System.in);
        }
        new CountDownLatch(1).await(); // until the JVM exits
    }

    static String readyLine(RunningInfrastructure infrastructure) {
        return READY_MARKER
                + " postgres=" + infrastructure.postgresHost() + ":" + infrastructure.postgresPort()
                + " redis=" + Ports.LOOPBACK + ":" + infrastructure.redisPort()
                + " kafka=" + infrastructure.kafkaBootstrapServers();
    }

    private static void watchStdin(InputStream stdin) {
        Thread watcher = new Thread(() -> {
            try {
                while (stdin.read() != -1) {
                    // input is ignored; only its end matters
                }
                LOG.info("stdin closed, stopping the infrastructure");
            } catch (IOException e) {
                LOG.info("stdin failed, stopping the infrastructure", e);
            }
            System.exit(0);
        }, "cognate-infra-stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
