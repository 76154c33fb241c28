package dev.cognate.benchmarks.load;

import java.io.PrintStream;

/**
 * A sign-in scenario whose one measured "request" is a whole sign-in of two API calls (first factor, then the code
 * challenge), with users and state the scenario set up itself. One instance is shared by all the workers.
 */
interface TwoStepSignIn extends AutoCloseable {

    /**
     * Called by the worker before each sign-in, outside the timed request: whatever waiting the scenario needs before it
     * may sign in again (sign-in-totp waits here for the next 30 s step when all of the worker's users used this one).
     *
     * @param deadlineNanos the {@link System#nanoTime()} at which the run ends
     * @return false if the worker could not sign in again before the deadline: it then stops
     */
    default boolean prepare(long deadlineNanos) {
        return true;
    }

    /** One complete sign-in by the calling worker; throws what the SDK throws, or IllegalStateException if a step answered wrongly. */
    void signIn();

    /** Sign-ins started before this {@link System#nanoTime()} are warm-up: left out of {@link #report}. */
    void measureFrom(long nanoTime);

    /** What the scenario measured beyond the harness's own figures. */
    void report(PrintStream out);

    @Override
    void close();
}
