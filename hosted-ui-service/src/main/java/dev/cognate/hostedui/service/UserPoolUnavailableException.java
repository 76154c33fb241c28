package dev.cognate.hostedui.service;

/** user-pool-service could not answer: unreachable, too slow, a 5xx or an unreadable body. */
public class UserPoolUnavailableException extends RuntimeException {

    public UserPoolUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
