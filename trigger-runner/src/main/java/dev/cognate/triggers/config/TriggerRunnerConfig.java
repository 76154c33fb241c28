package dev.cognate.triggers.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * trigger-runner configuration, prefix {@code cognate}. Defaults are documented in the README. The Kafka channel is
 * configured under {@code mp.messaging.incoming.messages.*} and its retries under {@code cognate.consumers.messages.*}
 * (libs/outbox); SMTP under {@code quarkus.mailer.*}.
 */
@ConfigMapping(prefix = "cognate")
public interface TriggerRunnerConfig {

    /** Where PostgreSQL is; the JDBC (Flyway) and reactive URLs in application.properties are built from these. */
    Db db();

    /**
     * base64 of the 32-byte AES-256-GCM key that user-pool-service seals the secrets of {@code cognate.messages}
     * with (the same value as user-pool-service's, env {@code COGNATE_MASTER_KEY}). Without it no delivery request
     * can be opened: each is dead-lettered.
     */
    Optional<String> masterKey();

    /**
     * Previous master keys (comma-separated base64, env {@code COGNATE_MASTER_KEY_PREVIOUS}): after a rotation they open
     * the delivery requests user-pool-service sealed before it, until those have been delivered.
     */
    Optional<String> masterKeyPrevious();

    Delivery delivery();

    /** The internal API's own listener (user-pool-service's trigger calls): never the public port. */
    InternalApi internalApi();

    /** Where synchronous triggers may be delivered ({@code cognate.triggers.*}). */
    Triggers triggers();

    interface InternalApi {
        /** The port; 0 picks a free one (tests). */
        @WithDefault("8094")
        int port();

        /** The interface it listens on. */
        @WithDefault("0.0.0.0")
        String host();
    }

    interface Triggers {
        /**
         * Host names or IP literals a trigger may reach although they resolve to loopback, link-local, private or
         * metadata addresses (the egress guard refuses those otherwise). Empty in production; the local stack and
         * the tests allow loopback.
         */
        Optional<List<String>> allowedEgressHosts();

        /**
         * Lambda ARNs mapped to webhook URLs, each {@code <arn>=<url>}: Cognate calls no AWS Lambda, so a trigger given
         * as an ARN runs only when mapped here (a pool imported from Cognito keeps its ARNs); unmapped, the call fails
         * closed ({@code UnexpectedLambdaException} in user-pool-service).
         */
        Optional<List<String>> lambdaArnUrls();

        /** The longest timeout a caller may ask for (user-pool-service asks Cognito's 5 s). */
        @WithDefault("30s")
        Duration maxTimeout();
    }

    /**
     * How messages are sent. How often a failing delivery is tried again is the consumer's setting
     * ({@code cognate.consumers.messages.*}, libs/outbox).
     */
    interface Delivery {
        Email email();

        Sms sms();
    }

    interface Email {
        /** {@code smtp} (the Quarkus Mailer, {@code quarkus.mailer.*}) or {@code file} (one file per message, for a laptop). */
        @WithDefault("smtp")
        EmailMode mode();

        /** The sender when the pool has no {@code EmailConfiguration.From}. */
        @WithDefault("no-reply@cognate.localhost")
        String from();

        /** Where {@code file} mode writes its messages (created when missing; relative to the working directory). */
        @WithDefault("mail")
        Path directory();

        /** Bounds one SMTP send (connect, dialogue, data) on top of {@code quarkus.mailer.timeout}. */
        @WithDefault("30s")
        Duration timeout();
    }

    enum EmailMode {
        SMTP, FILE
    }

    interface Sms {
        /** The SMS gateway: each text message is POSTed there as JSON. Absent: SMS requests are dead-lettered. */
        Optional<URI> webhookUrl();

        /** Bounds both connecting to the gateway and waiting for its answer. */
        @WithDefault("5s")
        Duration timeout();
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
