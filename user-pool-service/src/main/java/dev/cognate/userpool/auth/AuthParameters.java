package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;

/** Reading AuthParameters and ChallengeResponses with Cognito's error for a missing one. */
final class AuthParameters {

    private AuthParameters() {
    }

    static String require(AuthContext context, String name) {
        String value = context.parameter(name);
        if (value == null || value.isEmpty()) {
            throw CognitoException.invalidParameter("Missing required parameter " + name);
        }
        return value;
    }
}
