package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A pool's {@code Policies.SignInPolicy}: the first factors its users may sign in with through choice-based
 * authentication ({@code USER_AUTH}). {@code AllowedFirstAuthFactors} holds {@code PASSWORD}, {@code EMAIL_OTP},
 * {@code SMS_OTP} and {@code WEB_AUTHN} (always with {@code PASSWORD}, which the pool's checks require); Cognito's
 * default is {@code ["PASSWORD"]}.
 */
public record SignInPolicy(List<String> allowedFirstAuthFactors) {

    public static final String PASSWORD = "PASSWORD";

    public static SignInPolicy of(JsonNode settings) {
        JsonNode factors = settings.path("Policies").path("SignInPolicy").path("AllowedFirstAuthFactors");
        if (!factors.isArray() || factors.isEmpty()) {
            return new SignInPolicy(List.of(PASSWORD));
        }
        List<String> names = new ArrayList<>();
        factors.forEach(factor -> names.add(factor.asText()));
        return new SignInPolicy(List.copyOf(names));
    }

    public boolean allows(String factor) {
        return allowedFirstAuthFactors.contains(factor);
    }

    /**
     * Whether SignUp may create a user without a password: as Cognito, when the pool allows a one-time code
     * (EMAIL_OTP or SMS_OTP) as first factor — the user's only way to sign in before registering a passkey.
     */
    public boolean allowsPasswordless() {
        return allows("EMAIL_OTP") || allows("SMS_OTP");
    }
}
