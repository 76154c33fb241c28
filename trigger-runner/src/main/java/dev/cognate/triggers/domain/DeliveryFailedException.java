package dev.cognate.triggers.domain;

/**
 * One attempt to hand a message over failed. {@link #isTransient()} failures (SMTP server unreachable, gateway
 * 5xx or timeout, a full disk) are tried again; the others (an address the server refuses, no SMS gateway
 * configured) are dead-lettered at once. The message never contains the text or the secret.
 */
public class DeliveryFailedException extends RuntimeException {

    private final boolean transientFailure;

    private DeliveryFailedException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public static DeliveryFailedException transientFailure(String message, Throwable cause) {
        return new DeliveryFailedException(message, true, cause);
    }

    public static DeliveryFailedException permanent(String message, Throwable cause) {
        return new DeliveryFailedException(message, false, cause);
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
