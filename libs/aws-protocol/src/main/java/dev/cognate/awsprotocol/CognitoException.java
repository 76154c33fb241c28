package dev.cognate.awsprotocol;

/**
 * An error as the AWS JSON protocol puts it on the wire: {@code {"__type": type, "message": message}}
 * with {@code x-amzn-ErrorType: type}. The type is the exact exception name of the AWS API
 * reference ({@code InvalidParameterException}, {@code ResourceNotFoundException}, ...), because
 * SDKs map it to their exception classes and applications match on it.
 */
public class CognitoException extends RuntimeException {

    private final String type;
    private final int httpStatus;

    public CognitoException(String type, String message) {
        this(type, message, 400);
    }

    public CognitoException(String type, String message, int httpStatus) {
        super(message, null, false, false);
        this.type = type;
        this.httpStatus = httpStatus;
    }

    public String type() {
        return type;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public static CognitoException invalidParameter(String message) {
        return new CognitoException("InvalidParameterException", message);
    }

    public static CognitoException resourceNotFound(String message) {
        return new CognitoException("ResourceNotFoundException", message);
    }

    /**
     * 413 for a body above a route's limit. Cognito documents no exception for it (its front end refuses such requests
     * before the service sees them), so the type names the HTTP status; SDKs surface it as their service exception with
     * status 413 and this message.
     */
    public static CognitoException requestTooLarge(long limitBytes) {
        return new CognitoException("RequestEntityTooLargeException",
                "The request body is larger than this endpoint's limit of " + limitBytes + " bytes.", 413);
    }

    public static CognitoException internalError() {
        return new CognitoException("InternalErrorException", "An internal error occurred. Retry the request.", 500);
    }
}
