package dev.cognate.userpool.auth;

import io.smallrye.mutiny.Uni;

/**
 * The answer to one {@code ChallengeName} of RespondToAuthChallenge / AdminRespondToAuthChallenge. Each challenge is one
 * handler (NEW_PASSWORD_REQUIRED, PASSWORD_VERIFIER; SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, MFA_SETUP, SELECT_MFA_TYPE
 * and CUSTOM_CHALLENGE slot in the same way).
 */
public interface ChallengeHandler {

    String challengeName();

    /** @param context the client and the ChallengeResponses; @param session the state the previous step left */
    Uni<AuthResponse> respond(AuthContext context, AuthSession session);
}
