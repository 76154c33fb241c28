package dev.cognate.userpool.auth;

import dev.cognate.userpool.token.TokenIssuer;

import java.util.Map;

/**
 * What InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge and AdminRespondToAuthChallenge answer: either a
 * challenge (ChallengeName, Session, ChallengeParameters) or tokens (AuthenticationResult, empty ChallengeParameters).
 */
public record AuthResponse(String challengeName, String session, Map<String, String> challengeParameters,
                           AuthenticationResult authenticationResult) {

    public record AuthenticationResult(String accessToken, Long expiresIn, String tokenType, String refreshToken, String idToken) {
    }

    public static AuthResponse challenge(String name, String session, Map<String, String> parameters) {
        return new AuthResponse(name, session, parameters, null);
    }

    public static AuthResponse tokens(TokenIssuer.Minted minted, String refreshToken) {
        return new AuthResponse(null, null, Map.of(),
                new AuthenticationResult(minted.accessToken(), minted.expiresIn(), "Bearer", refreshToken, minted.idToken()));
    }
}
