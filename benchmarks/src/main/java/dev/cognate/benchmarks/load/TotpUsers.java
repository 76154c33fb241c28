package dev.cognate.benchmarks.load;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * One virtual user's own users for the sign-in-totp scenario, taken in turn. Cognito accepts a TOTP code once only: a code
 * of a step not newer than the user's last accepted one is refused as a replay. So a user signs in at most once per
 * 30-second step, and this ring hands out the next user whose last accepted step is older than the current one, with the
 * code of the current step. When every user of the ring has signed in during the current step, {@link #next()} sleeps
 * until the next step starts and counts the wait (a run with waits had too few users: raise {@code --mfa-users}). Each
 * virtual user (worker thread) has its own ring, so no two workers ever race for a user's step.
 */
final class TotpUsers {

    /** A user with a verified authenticator; {@code lastStep} is the step of the last code the server accepted. */
    static final class User {
        final String username;
        final Totp totp;
        long lastStep;

        User(String username, Totp totp, long lastStep) {
            this.username = username;
            this.totp = totp;
            this.lastStep = lastStep;
        }
    }

    /** A user and the code to answer with. */
    record Attempt(User user, long step, String code) {
    }

    private final List<User> users;
    private final LongSupplier clockMillis;
    private int cursor;
    private long waits;

    TotpUsers(List<User> users, LongSupplier clockMillis) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("no users");
        }
        this.users = users;
        this.clockMillis = clockMillis;
    }

    /**
     * The next user free in the current step (waiting for the next step if none is), with that step's code; null if the
     * wait would end after {@code deadlineMillis} (a Unix time), or was interrupted.
     */
    Attempt next(long deadlineMillis) {
        while (true) {
            long now = clockMillis.getAsLong();
            long step = Totp.step(now);
            for (int tried = 0; tried < users.size(); tried++) {
                User user = users.get(cursor);
                cursor = (cursor + 1) % users.size();
                if (user.lastStep < step) {
                    // Used up as soon as handed out, whatever the answer: a request that timed out may still have been accepted.
                    user.lastStep = step;
                    return new Attempt(user, step, user.totp.code(step));
                }
            }
            long nextStepAt = (step + 1) * Totp.STEP_SECONDS * 1000;
            if (nextStepAt > deadlineMillis) {
                return null;
            }
            waits++;
            try {
                Thread.sleep(Math.max(1, nextStepAt - now));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** How many times every user had already signed in during the current step. */
    long waits() {
        return waits;
    }

    int size() {
        return users.size();
    }
}
