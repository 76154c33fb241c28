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

    /** Whether this is one of the challenges a page serves. */
    public boolean isOneOf(java.util.Collection<String> names) {
        return challengeName != null && names.contains(challengeName) && session != null;
    }

    /** The same step with the new session the engine answered for it (AssociateSoftwareToken, VerifySoftwareToken). */
    public PendingChallenge withSession(String newSession) {
        return new PendingChallenge(clientId, challengeName, newSession, parameters);
    }

    /** Where the code of SMS_MFA or EMAIL_OTP went, masked ({@code CODE_DELIVERY_DESTINATION}), or null. */
    public String codeDeliveryDestination() {
        return parameters.get("CODE_DELIVERY_DESTINATION");
    }

    /** A parameter holding a JSON list of names ({@code MFAS_CAN_CHOOSE}, {@code MFAS_CAN_SETUP}); empty when absent or unreadable. */
    public List<String> nameList(String parameter) {
        String json = parameters.get(parameter);
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException | NullPointerException unreadable) {
            return List.of();
        }
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
