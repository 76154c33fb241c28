package dev.cognate.triggers.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * trigger-runner configuration, prefix {@code cognate}. Defaults are documented in the README. The Kafka channel
 * itself is configured under {@code mp.messaging.incoming.userpool-events.*}.
 */
@ConfigMapping(prefix = "cognate")
public interface TriggerRunnerConfig {

    /** Where PostgreSQL is; the JDBC (Flyway) and reactive URLs in application.properties are built from these. */
    Db db();

    Consumer consumer();

    interface Consumer {
        /**
         * This consumer's name in {@code processed_events}. Keep it stable: a new name applies again every event
         * still on the topic.
         */
        @WithDefault("trigger-runner")
        String name();

        /** First back-off between retries; it doubles up to {@link #maxBackoff()}. */
        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("5s")
        Duration maxBackoff();
    }

    interface Db {
        @WithDefault("localhost")
        String host();

        @WithDefault("5432")
        int port();

        /** The database, shared by the services; each keeps to its own schema. */
        @WithDefault("cognate")
        String name();

        /** This service's schema, created by Flyway; no other service reads it. */
        @WithDefault("trigger_runner")
        String schema();
    }
}
