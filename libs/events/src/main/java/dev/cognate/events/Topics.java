package dev.cognate.events;

/**
 * The Kafka topics of DESIGN.md §4, in one place. Every consumer also has a dead-letter topic:
 * {@link #deadLetter(String)}.
 */
public final class Topics {

    /** User lifecycle, authentication and pool changes; key {@code poolId/sub} (or {@code poolId} for pool changes). */
    public static final String USER_POOL_EVENTS = "cognate.userpool.events";
    /** Code and notification delivery requests; codes encrypted, never in clear. */
    public static final String MESSAGES = "cognate.messages";
    /** Identity pool and identity changes. */
    public static final String IDENTITY_EVENTS = "cognate.identity.events";
    /** Cognito Sync dataset changes (Cognito Streams). */
    public static final String SYNC_RECORDS = "cognate.sync.records";

    private Topics() {
    }

    /** The dead-letter topic of a topic: {@code <topic>.dlq}. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
