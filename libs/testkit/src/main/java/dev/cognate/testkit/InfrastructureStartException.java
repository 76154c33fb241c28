package dev.cognate.testkit;

/**
 * PostgreSQL, Redis or Kafka could not be started. By the time this is thrown, the servers that did start have been
 * stopped again.
 */
public class InfrastructureStartException extends RuntimeException {

    public InfrastructureStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
