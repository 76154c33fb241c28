package dev.cognate.triggers.invoke;

import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.triggers.config.TriggerRunnerConfig;

import java.time.Duration;
import java.util.function.LongFunction;

/**
 * Cognito's retries of a synchronous trigger: a call that got no answer (timeout, connection failure, throttling,
 * server error) is tried again, up to {@code cognate.triggers.retry.max-attempts} attempts in all (Cognito: 3), after
 * {@code backoff}, doubled each time, and none starts once the caller's timeout is spent. The function's own answer or
 * error is final.
 *
 * <p>Each attempt has its own deadline: what is left of the caller's timeout divided by the attempts left, never less
 * than {@code min-attempt-timeout} nor more than what is left ({@link #attemptTimeout}). With Cognito's 5 s and 3
 * attempts: about 1.67 s, then 1.6 s, then the rest; so an attempt that hangs (a lost connection, a function instance
 * stuck) costs a third of the budget, not all of it, and the retry still comes. The price: a function that needs
 * longer than its share answers only at the last attempt, after the earlier ones were cut.
 */
final class RetryPolicy {

    /** An attempt needs at least this long to be worth starting. */
    private static final long MIN_ATTEMPT_MILLIS = 50;

    private final int maxAttempts;
    private final Duration backoff;
    private final long minAttemptMillis;

    RetryPolicy(TriggerRunnerConfig.Retry config) {
        this.maxAttempts = Math.max(1, config.maxAttempts());
        this.backoff = config.backoff();
        this.minAttemptMillis = Math.max(1, config.minAttemptTimeout().toMillis());
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
            Attempt tried = attempt.apply(attemptTimeout(left, maxAttempts - attempts));
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

    /** The deadline of the next attempt: its share of what is left, at least the floor, at most what is left. */
    long attemptTimeout(long leftMillis, int attemptsLeft) {
        long share = leftMillis / Math.max(1, attemptsLeft);
        return Math.max(1, Math.min(leftMillis, Math.max(minAttemptMillis, share)));
    }
}
