package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.awsprotocol.CognitoException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A pool's {@code AccountRecoverySetting}: where a password reset code goes. Its mechanisms by priority
 * ({@code verified_email}, {@code verified_phone_number}); without the setting, Cognito's legacy order — a verified
 * phone number, else a verified email. {@code admin_only}: users cannot recover by themselves.
 *
 * @param attributes the attributes a code may go to, first choice first; empty for {@code admin_only}
 */
public record AccountRecovery(List<String> attributes, boolean adminOnly) {

    /** Cognito's order for pools without the setting: a verified phone number, else a verified email. */
    public static final AccountRecovery LEGACY = new AccountRecovery(List.of(SignInIdentifiers.PHONE_NUMBER, SignInIdentifiers.EMAIL), false);

    public static AccountRecovery of(JsonNode settings) {
        JsonNode mechanisms = settings.path("AccountRecoverySetting").path("RecoveryMechanisms");
        if (!mechanisms.isArray() || mechanisms.isEmpty()) {
            return LEGACY;
        }
        List<JsonNode> byPriority = new ArrayList<>();
        mechanisms.forEach(byPriority::add);
        byPriority.sort(Comparator.comparingInt(mechanism -> mechanism.path("Priority").asInt()));
        List<String> attributes = new ArrayList<>();
        boolean adminOnly = false;
        for (JsonNode mechanism : byPriority) {
            switch (mechanism.path("Name").asText()) {
                case "verified_email" -> attributes.add(SignInIdentifiers.EMAIL);
                case "verified_phone_number" -> attributes.add(SignInIdentifiers.PHONE_NUMBER);
                case "admin_only" -> adminOnly = true;
                default -> { }
            }
        }
        return new AccountRecovery(List.copyOf(attributes), adminOnly);
    }

    /** The attribute a reset code for {@code user} goes to: the first verified one by priority. */
    public Optional<String> destinationOf(User user) {
        return attributes.stream().filter(attribute -> user.attribute(attribute) != null && user.verified(attribute)).findFirst();
    }

    /** The attribute a reset code goes to, or Cognito's refusal: admin-only recovery, or nothing verified to send it to. */
    public String requireDestinationOf(User user) {
        checkSelfService();
        return destinationOf(user).orElseThrow(() -> noVerifiedDestination("InvalidParameterException"));
    }

    /** Refuses self-service recovery in an {@code admin_only} pool. */
    public void checkSelfService() {
        if (adminOnly) {
            throw noVerifiedDestination("NotAuthorizedException");
        }
    }

    private static CognitoException noVerifiedDestination(String type) {
        return new CognitoException(type, "Cannot reset password for the user as there is no registered/verified email or phone_number");
    }
}
