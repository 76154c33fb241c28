package dev.cognate.hostedui.client;

/**
 * user-pool-service refused a hosted-UI request with a Cognito error ({@code {"__type","message"}}): an expected
 * outcome (wrong password, unknown code...), shown to the user on the form, never logged with a stack trace.
 */
public class CognitoErrorException extends RuntimeException {

    private final int status;
    private final String type;

    public CognitoErrorException(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    /** The Cognito exception name, e.g. {@code NotAuthorizedException}. */
    public String type() {
        return type;
    }
}
