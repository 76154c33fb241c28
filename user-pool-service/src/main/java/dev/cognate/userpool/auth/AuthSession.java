package dev.cognate.userpool.auth;

import java.util.Map;
import java.util.UUID;

/**
 * The state between two steps of a sign-in, kept in Redis under the opaque {@code Session} string.
 *
 * @param challengeName the challenge the next RespondToAuthChallenge must answer
 * @param data          the challenge's own state (SRP values, ...)
 */
public record AuthSession(String userPoolId, String clientId, UUID sub, String username, String authFlow, String challengeName,
                          long authTime, Map<String, String> data) {
}
