package dev.cognate.triggers.domain;

/**
 * A delivery request that will not be delivered: malformed, sealed under another key or context, refused by the
 * receiving server, or still failing after the last attempt. The consumer sends it to {@code cognate.messages.dlq}
 * with {@link #attempts()} in the {@code delivery-attempts} header.
 */
public class DeadLetterException extends RuntimeException {

    private final int attempts;

    public DeadLetterException(String reason, int attempts, Throwable cause) {
        super(reason, cause);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
