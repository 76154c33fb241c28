package dev.cognate.userpool.trigger;

import java.time.Duration;

/**
 * A pool's trigger settings (beyond Cognito, {@code CognateAdmin.SetTriggerSettings}): how its post-event triggers run
 * and how long a synchronous trigger call may take.
 *
 * @param postEventTriggers PostConfirmation and PostAuthentication: {@link PostEventMode#DURABLE} or {@link PostEventMode#SYNCHRONOUS}
 * @param timeoutSeconds    1–30: the bound on each synchronous trigger call of the pool (Cognito's is 5 s)
 */
public record TriggerSettings(PostEventMode postEventTriggers, int timeoutSeconds) {

    public static final int MIN_TIMEOUT_SECONDS = 1;
    public static final int MAX_TIMEOUT_SECONDS = 30;

    /** How a pool's post-event triggers run. */
    public enum PostEventMode {
        /**
         * Beyond Cognito, the default: written to the outbox with the state change and run by trigger-runner, retried
         * while the function fails or is down, then dead-lettered (replayable); the call never waits for the function.
         */
        DURABLE,
        /** As Cognito: the call waits for the function, and its failure fails the call. */
        SYNCHRONOUS
    }

    /** The settings of a pool that has none stored: durable post-event triggers, the installation's timeout. */
    public static TriggerSettings defaults(Duration installationTimeout) {
        return new TriggerSettings(PostEventMode.DURABLE, (int) Math.max(MIN_TIMEOUT_SECONDS,
                Math.min(MAX_TIMEOUT_SECONDS, (installationTimeout.toMillis() + 999) / 1000)));
    }

    public Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }
}
