package dev.cognate.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A virtual user's ring of TOTP users never hands out a user twice in one 30 s step, so no code is refused as a replay. */
class TotpUsersTest {

    private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    private static List<TotpUsers.User> users(int count, long lastStep) {
        List<TotpUsers.User> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(new TotpUsers.User("u" + i, new Totp(SECRET), lastStep));
        }
        return users;
    }

    @Test
    void eachUserSignsInOncePerStepWithThatStepsCode() {
        AtomicLong now = new AtomicLong(1_000 * 30_000L + 5_000);
        TotpUsers ring = new TotpUsers(users(3, 999), now::get);

        Set<String> names = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            TotpUsers.Attempt attempt = ring.next(Long.MAX_VALUE);
            assertThat(attempt.step()).isEqualTo(1_000);
            assertThat(attempt.code()).isEqualTo(new Totp(SECRET).code(1_000));
            names.add(attempt.user().username);
        }
        assertThat(names).containsExactlyInAnyOrder("u0", "u1", "u2");
        assertThat(ring.waits()).isZero();

        now.set(1_001 * 30_000L);
        assertThat(ring.next(Long.MAX_VALUE).step()).as("the next step frees every user again").isEqualTo(1_001);
        assertThat(ring.waits()).isZero();
    }

    @Test
    void theStepOfTheVerificationCountsAsUsed() {
        AtomicLong now = new AtomicLong(2_000 * 30_000L + 10);
        List<TotpUsers.User> users = users(2, 1_999);
        users.get(0).lastStep = 2_000; // verified during the current step
        TotpUsers ring = new TotpUsers(users, now::get);

        assertThat(ring.next(Long.MAX_VALUE).user().username).isEqualTo("u1");
    }

    @Test
    void whenEveryUserSignedInThisStepItWaitsForTheNextStepAndCountsTheWait() {
        long stepStart = (System.currentTimeMillis() / 30_000L + 10) * 30_000L;
        AtomicLong calls = new AtomicLong();
        // 50 ms before a step ends: the wait is short and real; afterwards the clock reads the next step.
        TotpUsers ring = new TotpUsers(users(1, 0), () -> calls.incrementAndGet() <= 2 ? stepStart - 50 : stepStart);

        long first = ring.next(Long.MAX_VALUE).step();
        long started = System.nanoTime();
        TotpUsers.Attempt second = ring.next(Long.MAX_VALUE);

        assertThat(second.step()).isEqualTo(first + 1);
        assertThat(ring.waits()).isEqualTo(1);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(40);
    }

    @Test
    void itDoesNotWaitPastTheDeadline() {
        long stepStart = 3_000 * 30_000L;
        TotpUsers ring = new TotpUsers(users(1, 0), () -> stepStart + 1_000);
        assertThat(ring.next(Long.MAX_VALUE)).isNotNull();

        assertThat(ring.next(stepStart + 29_000)).as("the next step starts after the run's end").isNull();
        assertThat(ring.waits()).isZero();
    }
}
