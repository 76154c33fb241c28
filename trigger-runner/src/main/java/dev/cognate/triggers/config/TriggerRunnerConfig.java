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

        /** The AWS Lambda {@code Invoke} API, for ARNs not mapped to a URL ({@code cognate.triggers.lambda.*}). */
        Lambda lambda();

        /** How a call that got no answer is tried again ({@code cognate.triggers.retry.*}). */
        Retry retry();

        /** The per-target circuit breaker ({@code cognate.triggers.circuit-breaker.*}). */
        CircuitBreaker circuitBreaker();

        /** The invocation log's retention ({@code cognate.triggers.invocation-log.*}). */
        InvocationLog invocationLog();
    }

    /**
     * Where and as whom Lambda ARNs are invoked. Without an endpoint, or without both keys, an unmapped ARN fails
     * closed ({@code NO_ANSWER}, {@code LambdaNotSupported}) as before.
     */
    interface Lambda {
        /** The Lambda API's endpoint, e.g. {@code https://lambda.eu-west-1.amazonaws.com} or a compatible server. */
        Optional<URI> endpoint();

        /** The region the requests are signed for (SigV4). */
        @WithDefault("us-east-1")
        String region();

        /** The access key of the identity allowed {@code lambda:InvokeFunction} (env {@code COGNATE_TRIGGERS_LAMBDA_ACCESS_KEY_ID}). */
        Optional<String> accessKeyId();

        /** Its secret key (env {@code COGNATE_TRIGGERS_LAMBDA_SECRET_ACCESS_KEY}). */
        Optional<String> secretAccessKey();

        /** A session token, with temporary credentials. */
        Optional<String> sessionToken();
    }

    interface Retry {
        /**
         * Attempts of one call in all, as Cognito (3): a call is tried again only after no answer in time, a connection
         * failure, throttling (429) or a server error (5xx) without the function's own error, and only while the
         * caller's timeout leaves time.
         */
        @WithDefault("3")
        int maxAttempts();

        /** Wait before the second attempt; doubled before each further one. */
        @WithDefault("100ms")
        Duration backoff();

        /**
         * The least time an attempt is given: each attempt has what is left of the caller's timeout divided by the
         * attempts left (so one hung attempt leaves time for the next), but never less than this (nor more than what
         * is left).
         */
        @WithDefault("1s")
        Duration minAttemptTimeout();
    }

    interface CircuitBreaker {
        /** Consecutive calls without an answer (after their retries) that open a target's circuit; 0 turns it off. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit refuses calls before one trial call is let through (half-open). */
        @WithDefault("30s")
        Duration openDuration();
    }

    interface InvocationLog {
        /** Rows older than this are deleted by the hourly purge. */
        @WithDefault("P30D")
        Duration retention();
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
        /** {@code webhook} (the operator's gateway, {@code webhook-url}) or {@code file} (one file per message, for a laptop). */
        @WithDefault("webhook")
        SmsMode mode();

        /** The SMS gateway: each text message is POSTed there as JSON. Absent in {@code webhook} mode: SMS requests are dead-lettered. */
        Optional<URI> webhookUrl();

        /** Where {@code file} mode writes its messages (created when missing; relative to the working directory). */
        @WithDefault("sms")
        Path directory();

        /** Bounds both connecting to the gateway and waiting for its answer. */
        @WithDefault("5s")
        Duration timeout();
    }

    enum SmsMode {
        WEBHOOK, FILE
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
