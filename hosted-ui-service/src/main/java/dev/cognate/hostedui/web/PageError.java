package dev.cognate.hostedui.web;

/**
 * Why a hosted page shows the error page instead of its content, with the HTTP status it answers. The wording of
 * each reason lives in the message bundle ({@link PageMessages}), so it is translated with the page.
 */
public enum PageError {
    MISSING_CLIENT_ID(400),
    UNKNOWN_CLIENT(400),
    MISSING_REDIRECT_URI(400),
    REDIRECT_MISMATCH(400),
    BAD_REQUEST(400),
    MISSING_LOGOUT_URI(400),
    LOGOUT_URI_MISMATCH(400),
    INVALID_ID_TOKEN_HINT(400),
    /** An identity provider's answer without a live attempt of this browser (no cookie, expired, already used). */
    FEDERATION_EXPIRED(400),
    /** A SAML response that belongs to no attempt and whose RelayState names no authorization request. */
    FEDERATION_UNSOLICITED(400),
    /** A user pool account page (sign-up, password reset) of a client without COGNITO. */
    USER_POOL_SIGN_IN_UNAVAILABLE(400),
    CSRF_MISMATCH(403),
    NOT_FOUND(404),
    INTERNAL_ERROR(500),
    SERVICE_UNAVAILABLE(503);

    private final int status;

    PageError(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
