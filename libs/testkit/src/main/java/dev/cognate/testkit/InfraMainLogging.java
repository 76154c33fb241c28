package dev.cognate.testkit;

import java.util.logging.Handler;
import java.util.logging.Level;

import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Logging for {@link InfraMain}'s own JVM: JBoss LogManager, INFO, to stderr, so stdout carries only the READY line.
 */
final class InfraMainLogging {

    private InfraMainLogging() {
    }

    static void configure() {
        if (System.getProperty("java.util.logging.manager") == null) {
            // JBoss Logging and SLF4J (Kafka, zonky) then both end up in JBoss LogManager.
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        var root = LogContext.getLogContext().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler stderr = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_ERR,
                new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [%c{1.}] %s%e%n"));
        root.addHandler(stderr);
        root.setLevel(Level.INFO);
    }
}
