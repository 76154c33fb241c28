package dev.cognate.outbox.consumer;

/** The reason a record is dead-lettered after its last attempt; the cause is the last attempt's failure. */
public class RetriesExhaustedException extends RuntimeException {

    RetriesExhaustedException(int attempts, Throwable lastFailure) {
        super("still failing after " + attempts + " attempts: " + lastFailure.getMessage(), lastFailure);
    }
}
