package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.Validation;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Constraints of Get/SetPrincipalTagAttributeMap, as the API reference gives them. */
final class PrincipalTagRequests {

    static final int MAX_PRINCIPAL_TAGS = 50;

    private PrincipalTagRequests() {
    }

    static Validation poolAndProvider(String identityPoolId, String identityProviderName) {
        return IdentityPoolRequests.identityPoolId(Validation.of(), identityPoolId)
                .required("identityProviderName", identityProviderName)
                .length("identityProviderName", identityProviderName, 1, 128);
    }

    /** {@code PrincipalTags}: at most 50 entries, keys (tag keys) of 1–128 and values (claim names) of 1–256 characters. */
    static Validation principalTags(Validation validation, Map<String, String> tags) {
        if (tags == null) {
            return validation;
        }
        validation.check(tags.size() <= MAX_PRINCIPAL_TAGS, "Value '" + tags + "' at 'principalTags' failed to satisfy constraint:"
                + " Member must have length less than or equal to " + MAX_PRINCIPAL_TAGS);
        Set<String> keyViolations = new LinkedHashSet<>();
        Set<String> valueViolations = new LinkedHashSet<>();
        tags.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > 128) {
                keyViolations.add("Member must have length " + (key.isEmpty() ? "greater than or equal to 1" : "less than or equal to 128"));
            }
            if (value == null) {
                valueViolations.add("Member must not be null");
            } else if (value.isEmpty() || value.length() > 256) {
                valueViolations.add("Member must have length " + (value.isEmpty() ? "greater than or equal to 1" : "less than or equal to 256"));
            }
        });
        validation.check(keyViolations.isEmpty(), "Value '" + tags + "' at 'principalTags' failed to satisfy constraint:"
                + " Map keys must satisfy constraint: " + keyViolations);
        validation.check(valueViolations.isEmpty(), "Value '" + tags + "' at 'principalTags' failed to satisfy constraint:"
                + " Map value must satisfy constraint: " + valueViolations);
        return validation;
    }
}
