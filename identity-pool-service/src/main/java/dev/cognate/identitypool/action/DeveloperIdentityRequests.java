package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.Validation;

import java.util.List;
import java.util.Map;

/** Constraints of the developer identity actions, the tag actions and the lists of identity ids, as the API reference gives them. */
final class DeveloperIdentityRequests {

    static final int MAX_PRINCIPAL_TAGS = 50;
    static final int MAX_TAGS = 50;

    private DeveloperIdentityRequests() {
    }

    /** A {@code DeveloperUserIdentifier}: 1–1024 characters. */
    static Validation developerUserIdentifier(Validation validation, String member, String value) {
        return validation.length(member, value, 1, 1024);
    }

    /** A {@code DeveloperProviderName}: 1–128 characters of {@code [\w._-]+}. */
    static Validation developerProviderName(Validation validation, String value) {
        return validation.required("developerProviderName", value)
                .length("developerProviderName", value, 1, 128)
                .pattern("developerProviderName", value, IdentityPoolRequests.DEVELOPER_PROVIDER_NAME);
    }

    /** Each element of a list of identity ids ({@code member.N.member} paths, as AWS names them). */
    static Validation identityIds(Validation validation, String member, List<String> ids) {
        if (ids == null) {
            return validation;
        }
        for (int i = 0; i < ids.size(); i++) {
            String path = member + "." + (i + 1) + ".member";
            IdentityRequests.identityId(validation, path, ids.get(i));
        }
        return validation;
    }

    /** A map of keys 1–128 and values {@code minValue}–256 characters with at most {@code maxEntries} entries (tags, principal tags). */
    static Validation tags(Validation validation, String member, Map<String, String> tags, int maxEntries, int minValue) {
        if (tags == null) {
            return validation;
        }
        validation.check(tags.size() <= maxEntries, "Value '" + tags + "' at '" + member + "' failed to satisfy constraint:"
                + " Member must have length less than or equal to " + maxEntries);
        boolean keysOk = tags.keySet().stream().allMatch(key -> !key.isEmpty() && key.length() <= 128);
        validation.check(keysOk, "Value '" + tags + "' at '" + member + "' failed to satisfy constraint: Map keys must satisfy constraint:"
                + " [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]");
        boolean valuesOk = tags.values().stream().allMatch(value -> value != null && value.length() >= minValue && value.length() <= 256);
        validation.check(valuesOk, "Value '" + tags + "' at '" + member + "' failed to satisfy constraint: Map value must satisfy constraint:"
                + " [Member must have length less than or equal to 256, Member must have length greater than or equal to " + minValue + "]");
        return validation;
    }

    /** A list of tag keys (1–128 characters each), at most 50. */
    static Validation tagKeys(Validation validation, String member, List<String> keys) {
        if (keys == null) {
            return validation;
        }
        validation.size(member, keys, 0, MAX_TAGS);
        for (int i = 0; i < keys.size(); i++) {
            String path = member + "." + (i + 1) + ".member";
            validation.required(path, keys.get(i)).length(path, keys.get(i), 1, 128);
        }
        return validation;
    }
}
