package dev.cognate.benchmarks.load;

import java.io.PrintStream;

/**
 * A sign-in scenario whose one measured "request" is a whole sign-in of two API calls (first factor, then the code
 * challenge), with users and state the scenario set up itself. One instance is shared by all the workers.
 */
interface TwoStepSignIn extends AutoCloseable {

    /** One complete sign-in by the calling worker; throws what the SDK throws, or IllegalStateException if a step answered wrongly. */
    void signIn();

    /** Sign-ins started before this {@link System#nanoTime()} are warm-up: left out of {@link #report}. */
    void measureFrom(long nanoTime);

    /** What the scenario measured beyond the harness's own figures. */
    void report(PrintStream out);

    @Override
    void close();
}
