package dev.cognate.userpool.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.token.TokenIssuer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one step of a sign-in answers: either a challenge (ChallengeName, Session, ChallengeParameters — and, for
 * choice-based sign-in's SELECT_CHALLENGE, AvailableChallenges) or the end of the sign-in. InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge and AdminRespondToAuthChallenge end with tokens
 * (AuthenticationResult, empty ChallengeParameters); the hosted login ends with {@link #signedIn} — who, since when —
 * and gets its tokens later from the authorization code, so {@code signedIn} is never part of the JSON API's answer.
 */
public record AuthResponse(String challengeName, String session, Map<String, String> challengeParameters,
                           AuthenticationResult authenticationResult, @JsonIgnore SignedIn signedIn, List<String> availableChallenges) {

    /** Every answer but SELECT_CHALLENGE's: no AvailableChallenges (left out of the JSON). */
    public AuthResponse(String challengeName, String session, Map<String, String> challengeParameters,
                        AuthenticationResult authenticationResult, SignedIn signedIn) {
        this(challengeName, session, challengeParameters, authenticationResult, signedIn, null);
    }

    public record AuthenticationResult(String accessToken, Long expiresIn, String tokenType, String refreshToken, String idToken) {
    }

    /** The hosted login's end of a sign-in: the user as signed in and the time of the authentication. */
    public record SignedIn(User user, Instant authTime) {
    }

    public static AuthResponse challenge(String name, String session, Map<String, String> parameters) {
        return new AuthResponse(name, session, parameters, null, null);
    }

    /** Choice-based sign-in's SELECT_CHALLENGE: the first factors the user may choose, empty ChallengeParameters as Cognito. */
    public static AuthResponse selectChallenge(String session, List<String> availableChallenges) {
        return new AuthResponse(UserAuthFlow.SELECT_CHALLENGE, session, Map.of(), null, null, List.copyOf(availableChallenges));
    }

    public static AuthResponse tokens(TokenIssuer.Minted minted, String refreshToken) {
        return new AuthResponse(null, null, Map.of(),
                new AuthenticationResult(minted.accessToken(), minted.expiresIn(), "Bearer", refreshToken, minted.idToken()), null);
    }

    public static AuthResponse signedIn(User user, Instant authTime) {
        return new AuthResponse(null, null, Map.of(), null, new SignedIn(user, authTime));
    }
}
