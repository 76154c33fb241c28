package dev.cognate.outbox.consumer;

/**
 * An event that can never be applied, however often it is retried (malformed, refused for good): the record goes
 * to the dead-letter topic at once.
 */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String message) {
        super(message);
    }

    public UnprocessableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
