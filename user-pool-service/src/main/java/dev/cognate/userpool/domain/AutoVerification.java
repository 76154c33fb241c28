package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pool's {@code AutoVerifiedAttributes}: the attributes SignUp sends a confirmation code to. When both email and
 * phone number are auto-verified, the code goes by SMS, as Cognito does.
 *
 * @param attributes {@code phone_number} and/or {@code email}, first choice first
 */
public record AutoVerification(List<String> attributes) {

    public static AutoVerification of(JsonNode settings) {
        List<String> configured = new ArrayList<>();
        settings.path("AutoVerifiedAttributes").forEach(attribute -> configured.add(attribute.asText()));
        List<String> ordered = new ArrayList<>();
        for (String attribute : List.of(SignInIdentifiers.PHONE_NUMBER, SignInIdentifiers.EMAIL)) {
            if (configured.contains(attribute)) {
                ordered.add(attribute);
            }
        }
        return new AutoVerification(List.copyOf(ordered));
    }

    public boolean enabled() {
        return !attributes.isEmpty();
    }

    /** The attribute a confirmation code for {@code user} goes to: the first auto-verified one the user has. */
    public Optional<String> destinationOf(User user) {
        return attributes.stream().filter(attribute -> user.attribute(attribute) != null && !user.attribute(attribute).isEmpty()).findFirst();
    }
}
