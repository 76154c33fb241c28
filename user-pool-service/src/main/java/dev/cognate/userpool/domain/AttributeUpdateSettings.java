package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What a pool does when a signed-in user changes its email or phone number (UpdateUserAttributes): a code goes to the new
 * value when the pool auto-verifies the attribute; when {@code UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate}
 * names it too, the new value waits (pending) and the old one stays active until VerifyUserAttribute.
 *
 * @param autoVerified       {@code AutoVerifiedAttributes}, phone number first (the order codes are sent in)
 * @param verifyBeforeUpdate {@code AttributesRequireVerificationBeforeUpdate}
 */
public record AttributeUpdateSettings(List<String> autoVerified, List<String> verifyBeforeUpdate) {

    /** The attributes that have verification codes. */
    public static final List<String> VERIFIABLE = List.of(SignInIdentifiers.PHONE_NUMBER, SignInIdentifiers.EMAIL);

    public static AttributeUpdateSettings of(JsonNode settings) {
        List<String> before = new ArrayList<>();
        settings.path("UserAttributeUpdateSettings").path("AttributesRequireVerificationBeforeUpdate")
                .forEach(attribute -> before.add(attribute.asText()));
        return new AttributeUpdateSettings(AutoVerification.of(settings).attributes(), List.copyOf(before));
    }

    /** A code is sent when {@code attribute} changes. */
    public boolean sendsCodeFor(String attribute) {
        return autoVerified.contains(attribute);
    }

    /** A new value of {@code attribute} waits for its code before it replaces the old one. */
    public boolean keepsOldValueUntilVerified(String attribute) {
        return sendsCodeFor(attribute) && verifyBeforeUpdate.contains(attribute);
    }
}
