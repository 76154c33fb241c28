package dev.cognate.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the embedded servers from flooding test output: the Kafka broker logs hundreds of INFO lines per start.
 * Effective when the logging backend is java.util.logging based, which it is under Quarkus (JBoss LogManager) and in
 * this module's tests; Kafka and zonky log through SLF4J, which JBoss LogManager backs there.
 */
final class ThirdPartyLogging {

    /** The broker's own categories: only errors. Its routine start-up and shutdown messages include warnings. */
    private static final List<String> BROKER_CATEGORIES = List.of(
            "kafka", "state.change.logger", "org.apache.kafka.controller", "org.apache.kafka.raft",
            "org.apache.kafka.server", "org.apache.kafka.metadata", "org.apache.kafka.image",
            "org.apache.kafka.storage", "org.apache.kafka.coordinator", "org.apache.kafka.queue",
            "io.zonky.test.db.postgres");

    /** Kafka clients (in tests and in the services) keep their warnings, e.g. while the broker is stopped. */
    private static final List<String> CLIENT_CATEGORIES = List.of("org.apache.kafka");

    /** Strong references: java.util.logging only keeps loggers weakly, and a collected logger forgets its level. */
    private static final Map<Logger, Level> QUIETED = new LinkedHashMap<>();

    static {
        BROKER_CATEGORIES.forEach(name -> QUIETED.put(Logger.getLogger(name), Level.SEVERE));
        CLIENT_CATEGORIES.forEach(name -> QUIETED.put(Logger.getLogger(name), Level.WARNING));
    }

    private ThirdPartyLogging() {
    }

    static synchronized void quiet() {
        QUIETED.forEach((logger, level) -> {
            if (logger.getLevel() == null) {
                // Leave levels someone configured on purpose alone.
                logger.setLevel(level);
            }
        });
    }
}
