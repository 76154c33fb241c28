package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;

/** The members AssociateSoftwareToken and VerifySoftwareToken share: an {@code AccessToken} or a sign-in {@code Session}. */
final class SoftwareTokenRequests {

    private SoftwareTokenRequests() {
    }

    static Validation session(Validation validation, String session) {
        return validation.length("session", session, 20, 2048);
    }

    /** One of the two says whose authenticator it is: a signed-in user's, or the user of a sign-in in MFA_SETUP. */
    static void requireOne(String accessToken, String session) {
        if ((accessToken == null) == (session == null)) {
            throw CognitoException.invalidParameter("Exactly one of AccessToken and Session must be provided.");
        }
    }
}
