package dev.cognate.triggers.invoke;

import dev.cognate.internalapi.TriggerInvocation.Outcome;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.triggers.config.TriggerRunnerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each attempt's own deadline: its share of what is left, never below the floor, never past what is left. */
class RetryPolicyTest {

    private static RetryPolicy policy(int maxAttempts, Duration backoff, Duration floor) {
        return new RetryPolicy(new TriggerRunnerConfig.Retry() {
            @Override
            public int maxAttempts() {
                return maxAttempts;
            }

            @Override
            public Duration backoff() {
                return backoff;
            }

            @Override
            public Duration minAttemptTimeout() {
                return floor;
            }
        });
    }

    @Test
    void anAttemptGetsWhatIsLeftDividedByTheAttemptsLeftWithinTheFloorAndWhatIsLeft() {
        RetryPolicy retries = policy(3, Duration.ofMillis(100), Duration.ofSeconds(1));

        assertThat(retries.attemptTimeout(5000, 3)).isEqualTo(1666);
        assertThat(retries.attemptTimeout(3234, 2)).isEqualTo(1617);
        assertThat(retries.attemptTimeout(1517, 1)).as("the last attempt has all that is left").isEqualTo(1517);
        assertThat(retries.attemptTimeout(2000, 3)).as("never below the floor").isEqualTo(1000);
        assertThat(retries.attemptTimeout(500, 3)).as("never past what is left").isEqualTo(500);
    }

    @Test
    void attemptsThatGetNoAnswerEachUseTheirShareAndTheCallStaysWithinItsTimeout() {
        RetryPolicy retries = policy(3, Duration.ofMillis(20), Duration.ofMillis(100));
        List<Long> given = new ArrayList<>();
        long started = System.nanoTime();

        RetryPolicy.Tried tried = retries.run(timeout -> {
            given.add(timeout);
            try {
                Thread.sleep(timeout); // hangs until its deadline, as a call whose answer never comes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Attempt.retriable(Result.failed(Outcome.NO_ANSWER, "TimeoutError", "no answer"));
        }, 900);

        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(tried.attempts()).isEqualTo(3);
        assertThat(tried.noAnswer()).isTrue();
        assertThat(given.get(0)).isBetween(295L, 300L);
        assertThat(given.get(1)).isBetween(270L, 300L);
        assertThat(given.get(2)).isBetween(200L, 300L);
        assertThat(tookMillis).isLessThan(1100);
    }
}
