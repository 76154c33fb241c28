package dev.cognate.triggers.domain;

import dev.cognate.outbox.consumer.UnprocessableEventException;

/** A message that can never be applied, however often it is retried: it goes straight to the dead-letter topic. */
public class MalformedEventException extends UnprocessableEventException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
