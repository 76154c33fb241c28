package dev.cognate.internalapi;

import java.util.Map;

/**
 * The request bodies of the hosted login's routes ({@link InternalRoutes#HOSTED_LOGIN}). {@code ipAddress} is the
 * browser's address as hosted-ui-service saw it; user-pool-service records it in the authentication events the request
 * writes, as the JSON API records its caller's.
 */
public final class HostedLoginRequests {

    private HostedLoginRequests() {
    }

    /** {@link InternalRoutes#SIGN_IN}: the password sign-in (the checks of USER_PASSWORD_AUTH). */
    public record SignIn(String username, String password, String ipAddress) {
    }

    /**
     * {@link InternalRoutes#CHOICE_SIGN_IN}: who signs in and with which first factor, without a password
     * ({@code preferredChallenge} {@code WEB_AUTHN}, {@code EMAIL_OTP} or {@code SMS_OTP}, USER_AUTH's PREFERRED_CHALLENGE).
     */
    public record ChoiceSignIn(String username, String preferredChallenge, String ipAddress) {

        /** The first factors a hosted sign-in may prefer without a password, in the order the sign-in form offers them. */
        public static final java.util.List<String> FACTORS = java.util.List.of("WEB_AUTHN", "EMAIL_OTP", "SMS_OTP");
    }

    /**
     * {@link InternalRoutes#RESPOND_TO_CHALLENGE}: the answer to the challenge a previous step named, with that step's
     * opaque {@code session}; {@code responses} are RespondToAuthChallenge's ChallengeResponses (for
     * NEW_PASSWORD_REQUIRED: {@code USERNAME}, {@code NEW_PASSWORD}, {@code userAttributes.<name>}).
     */
    public record RespondToChallenge(String challengeName, String session, Map<String, String> responses, String ipAddress) {
    }

    /** {@link InternalRoutes#SIGN_UP}: attributes by name. */
    public record SignUp(String username, String password, Map<String, String> attributes, String ipAddress) {
    }

    /** {@link InternalRoutes#CONFIRM_SIGN_UP}. */
    public record ConfirmSignUp(String username, String code) {
    }

    /** {@link InternalRoutes#RESEND_CODE} and {@link InternalRoutes#FORGOT_PASSWORD}: only who. */
    public record Username(String username, String ipAddress) {
    }

    /** {@link InternalRoutes#CONFIRM_FORGOT_PASSWORD}: the code sent and the new password. */
    public record ConfirmForgotPassword(String username, String code, String password, String ipAddress) {
    }

    /** {@link InternalRoutes#IMPLICIT_TOKENS}: the code of a grant hosted-ui-service has just written (no PKCE challenge). */
    public record ImplicitTokens(String code) {
    }

    /** {@link InternalRoutes#ASSOCIATE_SOFTWARE_TOKEN}: the session of a hosted sign-in's MFA_SETUP challenge. */
    public record AssociateSoftwareToken(String session) {
    }

    /**
     * {@link InternalRoutes#VERIFY_SOFTWARE_TOKEN}: the session {@link AssociateSoftwareToken} answered, the first code
     * of the new authenticator (6 digits) and its optional name (VerifySoftwareToken's {@code FriendlyDeviceName}).
     */
    public record VerifySoftwareToken(String session, String userCode, String friendlyDeviceName) {

        @Override
        public String toString() {
            return "VerifySoftwareToken[friendlyDeviceName=" + friendlyDeviceName + "]";
        }
    }

    /** {@link InternalRoutes#PASSKEY_REGISTRATION_START}: the {@code sub} of the hosted session's user. */
    public record PasskeyRegistrationStart(String sub) {
    }

    /**
     * {@link InternalRoutes#PASSKEY_REGISTRATION_COMPLETE}: the {@code sub} of the hosted session's user and the browser's
     * RegistrationResponseJSON as the page posted it (a JSON text).
     */
    public record PasskeyRegistrationComplete(String sub, String credential) {
    }
}
