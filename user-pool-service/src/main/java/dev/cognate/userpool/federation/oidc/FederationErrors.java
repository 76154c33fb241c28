package dev.cognate.userpool.federation.oidc;

import dev.cognate.awsprotocol.CognitoException;

/**
 * The refusals of an OIDC or social sign-in, as the internal API answers them ({@code {"__type","message"}}): a callback
 * that is malformed is an {@code InvalidParameterException}; everything else that stops the sign-in (an unknown, used or
 * foreign {@code state}, the provider's own {@code error}, a refused code, an ID token that fails a check, a provider that
 * does not answer) is a {@code NotAuthorizedException} whose message hosted-ui-service may show on its error page or
 * return to the app as {@code error_description} (as Cognito does with {@code error=invalid_request}). Messages name the
 * failed check, never a token, code or secret.
 */
public final class FederationErrors {

    static final String NOT_AUTHORIZED = "NotAuthorizedException";
    /** Longest provider text ({@code error}, {@code error_description}) repeated in a message. */
    private static final int MAX_PROVIDER_TEXT = 200;

    private FederationErrors() {
    }

    public static CognitoException missing(String parameter) {
        return CognitoException.invalidParameter(parameter + " is required");
    }

    /** No attempt has this {@code state}: never started, already used, expired, or Redis lost it. */
    public static CognitoException unknownState() {
        return new CognitoException(NOT_AUTHORIZED, "Invalid state: the sign-in with the identity provider is unknown, expired or already used.");
    }

    /** The attempt was started for another browser, client or login domain than the one completing it. */
    public static CognitoException foreignState() {
        return new CognitoException(NOT_AUTHORIZED, "Invalid state: the sign-in with the identity provider was started elsewhere.");
    }

    /** The provider answered {@code error} (and maybe {@code error_description}) instead of a code. */
    public static CognitoException providerError(String error, String description) {
        String text = clean(error);
        if (description != null && !description.isBlank()) {
            text += ": " + clean(description);
        }
        return new CognitoException(NOT_AUTHORIZED, "The identity provider refused the sign-in: " + text);
    }

    /** The token endpoint refused the authorization code (its OAuth {@code error}, e.g. {@code invalid_grant}). */
    public static CognitoException codeRefused(String providerName, String error) {
        return new CognitoException(NOT_AUTHORIZED, "The identity provider " + providerName + " refused the authorization code ("
                + (error == null || error.isBlank() ? "no error code" : clean(error)) + ").");
    }

    /** An ID token (or the user info that goes with it) that fails a check: {@code reason} names which. */
    public static CognitoException invalidIdToken(String providerName, String reason) {
        return new CognitoException(NOT_AUTHORIZED, "Invalid ID token from the identity provider " + providerName + ": " + reason + ".");
    }

    /** The provider's answer lacks what a sign-in needs (no access token, no subject, userInfo of another user). */
    public static CognitoException badAnswer(String providerName, String reason) {
        return new CognitoException(NOT_AUTHORIZED, "Unexpected answer from the identity provider " + providerName + ": " + reason + ".");
    }

    /** The provider did not answer in time, or not with JSON. */
    public static CognitoException providerUnavailable(String providerName) {
        return new CognitoException(NOT_AUTHORIZED, "The identity provider " + providerName + " could not be reached or did not answer as expected.");
    }

    /** The provider's configuration cannot be used (an endpoint not https, a discovery document of another issuer). */
    public static CognitoException misconfigured(String providerName, String what) {
        return new CognitoException(NOT_AUTHORIZED, "The identity provider " + providerName + " is misconfigured: " + what + ".");
    }

    /** Provider text, bounded and without control characters, for a message. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        text.codePoints().filter(c -> !Character.isISOControl(c)).limit(MAX_PROVIDER_TEXT).forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
