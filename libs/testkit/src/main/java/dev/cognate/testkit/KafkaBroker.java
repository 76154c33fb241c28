package dev.cognate.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.jboss.logging.Logger;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A single-node Kafka in KRaft mode (broker and controller in one), running inside this JVM.
 */
final class KafkaBroker implements ManagedServer {

    private static final Logger LOG = Logger.getLogger(KafkaBroker.class);
    private static final String CONFIG_FILE = "server.properties";

    private final int port;
    private final int controllerPort;
    private final Path directory;
    private KafkaRaftServer server;

    /**
     * @param port the client listener
     * @param controllerPort the KRaft controller listener, only used inside the broker
     * @param directory holds {@code server.properties} and the {@code logs/} directory
     */
    KafkaBroker(int port, int controllerPort, Path directory) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.directory = directory;
    }

    @Override
    public String name() {
        return "Kafka";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public synchronized void start() throws Exception {
        if (server != null) {
            return;
        }
        Ports.requireFree(port, name());
        Ports.requireFree(controllerPort, "Kafka controller");
        KafkaExitGuard.install();
        Properties properties = serverProperties();
        Path logDirectory = directory.resolve("logs");
        Files.createDirectories(logDirectory);
        Path configFile = writeConfigFile(properties);
        boolean unformatted = !Files.exists(logDirectory.resolve("meta.properties"));
        server = onBrokerThread("cognate-kafka-start", () -> {
            if (unformatted) {
                format(configFile);
            }
            return startServer(properties);
        });
    }

    @Override
    public synchronized void stop() throws Exception {
        if (server == null) {
            return;
        }
        KafkaRaftServer stopping = server;
        server = null;
        onBrokerThread("cognate-kafka-stop", () -> {
            stopping.shutdown();
            stopping.awaitShutdown();
            return null;
        });
    }

    private static KafkaRaftServer startServer(Properties properties) {
        KafkaRaftServer raftServer = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
        try {
            // Returns once the broker caught up with the metadata log and is unfenced, i.e. ready for clients.
            raftServer.startup();
            return raftServer;
        } catch (RuntimeException e) {
            // shutdown() is synchronous; awaitShutdown() is skipped because a half-started broker may never signal.
            raftServer.shutdown();
            throw e;
        }
    }

    private Properties serverProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        // Static quorum: unlike a dynamic one, the controller endpoint is not written into the log, so a persistent
        // data directory still works when the controller port differs between runs.
        p.setProperty("controller.quorum.voters", "1@" + Ports.LOOPBACK + ":" + controllerPort);
        p.setProperty("listeners",
                "PLAINTEXT://" + Ports.LOOPBACK + ":" + port + ",CONTROLLER://" + Ports.LOOPBACK + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", directory.resolve("logs").toString());

        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("num.partitions", "3");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");

        // Small footprint: a @QuarkusTest JVM also runs the application.
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("background.threads", "2");
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        return p;
    }

    private Path writeConfigFile(Properties properties) throws IOException {
        Path configFile = directory.resolve(CONFIG_FILE);
        try (OutputStream out = Files.newOutputStream(configFile)) {
            properties.store(out, "Written by dev.cognate.testkit on every start");
        }
        return configFile;
    }

    /** {@code kafka-storage.sh format}, needed once per data directory. */
    private static void format(Path configFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(
                    new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()},
                    printStream);
        }
        String printed = output.toString(StandardCharsets.UTF_8).trim();
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed (" + exitCode + "): " + printed);
        }
        LOG.debugf("Formatted Kafka storage: %s", printed);
    }

    /**
     * Runs {@code action} on a fresh thread whose context class loader is the one that loaded Kafka. Kafka's threads
     * inherit it, and Kafka and its log4j load classes through it; the caller's loader may be a Quarkus test class
     * loader, where those classes are missing or are foreign copies (ClassCastException, failures on JDK 25).
     */
    private static <T> T onBrokerThread(String threadName, Callable<T> action) throws Exception {
        FutureTask<T> task = new FutureTask<>(action);
        Thread thread = new Thread(task, threadName);
        thread.setContextClassLoader(KafkaRaftServer.class.getClassLoader());
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }

    /**
     * Kafka calls {@code Exit.exit}/{@code Exit.halt} on fatal errors, which would kill this JVM (a test run or the
     * local stack) and orphan PostgreSQL and Redis. Turn those calls into exceptions so the normal cleanup runs.
     */
    private static final class KafkaExitGuard {
        private static boolean installed;

        static synchronized void install() {
            if (installed) {
                return;
            }
            Exit.setExitProcedure((status, message) -> {
                throw new IllegalStateException("Embedded Kafka requested exit(" + status + "): " + message);
            });
            Exit.setHaltProcedure((status, message) -> {
                throw new IllegalStateException("Embedded Kafka requested halt(" + status + "): " + message);
            });
            installed = true;
        }
    }
}
