package dev.cognate.triggers.invoke;

import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.triggers.config.TriggerRunnerConfig;

import java.time.Duration;
import java.util.function.LongFunction;

/**
 * Cognito's retries of a synchronous trigger: a call that got no answer (timeout, connection failure, throttling,
 * server error) is tried again, up to {@code cognate.triggers.retry.max-attempts} attempts in all (Cognito: 3), after
 * {@code backoff}, doubled each time; every attempt has what is left of the caller's timeout, and none starts once it
 * is spent. The function's own answer or error is final.
 */
final class RetryPolicy {

    /** An attempt needs at least this long to be worth starting. */
    private static final long MIN_ATTEMPT_MILLIS = 50;

    private final int maxAttempts;
    private final Duration backoff;

    RetryPolicy(TriggerRunnerConfig.Retry config) {
        this.maxAttempts = Math.max(1, config.maxAttempts());
        this.backoff = config.backoff();
    }

    /** The last attempt's result, how many attempts were made, and whether that last one got no answer. */
    record Tried(Result result, int attempts, boolean noAnswer) {
    }

    /** Runs {@code attempt} (given the milliseconds it may take) until it is final, attempts are used up or time is. */
    Tried run(LongFunction<Attempt> attempt, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        long wait = backoff.toMillis();
        int attempts = 0;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            Attempt tried = attempt.apply(Math.max(1, left));
            attempts++;
            left = (deadline - System.nanoTime()) / 1_000_000;
            if (!tried.retriable() || attempts >= maxAttempts || left - wait < MIN_ATTEMPT_MILLIS) {
                return new Tried(tried.result(), attempts, tried.retriable());
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Tried(tried.result(), attempts, true);
            }
            wait *= 2;
        }
    }
}
