package dev.cognate.identitypool.sts;

/**
 * An error of the STS Query API, as AWS STS words it: {@code <ErrorResponse><Error><Type>Sender</Type><Code>…}.
 */
public class StsException extends RuntimeException {

    static final String INVALID_TOKEN = "The security token included in the request is invalid.";

    private final String code;
    private final int status;

    public StsException(String code, String message, int status) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** {@code Receiver} for the service's own failures, {@code Sender} for the caller's. */
    public String type() {
        return status >= 500 ? "Receiver" : "Sender";
    }

    static StsException invalidToken() {
        return new StsException("InvalidClientTokenId", INVALID_TOKEN, 403);
    }
}
