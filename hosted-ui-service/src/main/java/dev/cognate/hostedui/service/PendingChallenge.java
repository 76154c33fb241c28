package dev.cognate.hostedui.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sign-in waiting for the user's answer to a challenge, between two hosted pages: the sign-in engine's step as
 * user-pool-service answered it — the challenge's name, its opaque {@code session} (the only state of the sign-in,
 * kept by user-pool-service) and its ChallengeParameters — for this client. Nothing else is copied here.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PendingChallenge(String clientId, String challengeName, String session, Map<String, String> parameters) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ATTRIBUTE_PREFIX = "userAttributes.";

    public PendingChallenge {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** Whether this is a challenge of the sign-in the page expects (an older or unreadable entry is not). */
    public boolean is(String name) {
        return name.equals(challengeName) && session != null;
    }

    /** The user the challenge is for ({@code USER_ID_FOR_SRP}: the username as stored), the USERNAME of the answer. */
    public String username() {
        return parameters.get("USER_ID_FOR_SRP");
    }

    /**
     * NEW_PASSWORD_REQUIRED's {@code requiredAttributes} (a JSON list of {@code userAttributes.<name>}): the names of
     * the required attributes the user still lacks.
     */
    public List<String> requiredAttributes() {
        String json = parameters.get("requiredAttributes");
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<String> names = new ArrayList<>();
            for (String value : JSON.readValue(json, String[].class)) {
                names.add(value.startsWith(ATTRIBUTE_PREFIX) ? value.substring(ATTRIBUTE_PREFIX.length()) : value);
            }
            return List.copyOf(names);
        } catch (JsonProcessingException unreadable) {
            return List.of();
        }
    }
}
