package dev.cognate.userpool.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.token.TokenIssuer;

import java.time.Instant;
import java.util.Map;

/**
 * What one step of a sign-in answers: either a challenge (ChallengeName, Session, ChallengeParameters) or the end of the
 * sign-in. InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge and AdminRespondToAuthChallenge end with tokens
 * (AuthenticationResult, empty ChallengeParameters); the hosted login ends with {@link #signedIn} — who, since when —
 * and gets its tokens later from the authorization code, so {@code signedIn} is never part of the JSON API's answer.
 */
public record AuthResponse(String challengeName, String session, Map<String, String> challengeParameters,
                           AuthenticationResult authenticationResult, @JsonIgnore SignedIn signedIn) {

    public record AuthenticationResult(String accessToken, Long expiresIn, String tokenType, String refreshToken, String idToken,
                                       NewDeviceMetadata newDeviceMetadata) {
    }

    /** The device key a sign-in issued in a pool that tracks devices (ConfirmDevice follows with the device's verifier). */
    public record NewDeviceMetadata(String deviceKey, String deviceGroupKey) {
    }

    /** The hosted login's end of a sign-in: the user as signed in and the time of the authentication. */
    public record SignedIn(User user, Instant authTime) {
    }

    public static AuthResponse challenge(String name, String session, Map<String, String> parameters) {
        return new AuthResponse(name, session, parameters, null, null);
    }

    public static AuthResponse tokens(TokenIssuer.Minted minted, String refreshToken) {
        return tokens(minted, refreshToken, null);
    }

    /** @param newDevice the device the sign-in issued, or null (no device tracking, or a known device) */
    public static AuthResponse tokens(TokenIssuer.Minted minted, String refreshToken, NewDeviceMetadata newDevice) {
        return new AuthResponse(null, null, Map.of(),
                new AuthenticationResult(minted.accessToken(), minted.expiresIn(), "Bearer", refreshToken, minted.idToken(), newDevice), null);
    }

    public static AuthResponse signedIn(User user, Instant authTime) {
        return new AuthResponse(null, null, Map.of(), null, new SignedIn(user, authTime));
    }
}
