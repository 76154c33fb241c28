package dev.cognate.hostedui.oauth;

/** An {@code id_token_hint} that is malformed, not signed by its pool's key, or not issued by this issuer. */
public class InvalidIdTokenHintException extends RuntimeException {

    public InvalidIdTokenHintException(String reason) {
        super(reason, null, false, false);
    }
}
