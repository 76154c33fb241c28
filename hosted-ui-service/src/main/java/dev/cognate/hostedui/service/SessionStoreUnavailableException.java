package dev.cognate.hostedui.service;

/** Redis could not store what a sign-in needs (a code, a session): the page answers 503, nobody is signed in. */
public class SessionStoreUnavailableException extends RuntimeException {

    public SessionStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
