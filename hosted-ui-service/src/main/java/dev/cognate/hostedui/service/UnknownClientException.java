package dev.cognate.hostedui.service;

/** No app client has the requested id (user-pool-service answered 404, or the id cannot be a client id). */
public class UnknownClientException extends RuntimeException {

    private final String clientId;

    public UnknownClientException(String clientId) {
        super("unknown app client", null, false, false);
        this.clientId = clientId;
    }

    /** The id as the browser sent it: show it only escaped. */
    public String clientId() {
        return clientId;
    }
}
