package dev.cognate.hostedui.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * A sign-in waiting for the user's new password (Cognito's NEW_PASSWORD_REQUIRED challenge), between the sign-in form
 * and the new-password form.
 *
 * @param session            user-pool-service's opaque session for the {@code new-password} call
 * @param requiredAttributes required attributes the user still lacks (names without the {@code userAttributes.} prefix)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PendingChallenge(String clientId, String session, String username, List<String> requiredAttributes) {

    public PendingChallenge {
        requiredAttributes = requiredAttributes == null ? List.of() : List.copyOf(requiredAttributes);
    }
}
