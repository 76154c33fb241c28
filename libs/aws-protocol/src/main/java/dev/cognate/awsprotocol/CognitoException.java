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

    public static CognitoException internalError() {
        return new CognitoException("InternalErrorException", "An internal error occurred. Retry the request.", 500);
    }
}
