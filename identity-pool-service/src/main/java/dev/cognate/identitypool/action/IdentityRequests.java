package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.domain.IdentityIds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Constraints of the identity actions (GetId, GetCredentialsForIdentity, DescribeIdentity), as the API reference gives them. */
final class IdentityRequests {

    static final int MAX_LOGINS = 10;

    private IdentityRequests() {
    }

    static Validation identityId(Validation validation, String identityId) {
        return identityId(validation, "identityId", identityId);
    }

    static Validation identityId(Validation validation, String member, String identityId) {
        return validation.required(member, identityId)
                .length(member, identityId, 1, 55)
                .pattern(member, identityId, IdentityIds.PATTERN);
    }

    /** {@code Logins}: at most 10 entries, provider names of 1–128 and tokens of 1–50000 characters. */
    static Validation logins(Validation validation, Map<String, String> logins) {
        if (logins == null) {
            return validation;
        }
        validation.check(logins.size() <= MAX_LOGINS, "Value '" + logins.keySet() + "' at 'logins' failed to satisfy constraint:"
                + " Member must have length less than or equal to " + MAX_LOGINS);
        List<String> keyViolations = new ArrayList<>();
        List<String> valueViolations = new ArrayList<>();
        logins.forEach((provider, token) -> {
            if (provider.isEmpty() || provider.length() > 128) {
                addOnce(keyViolations, "Member must have length " + (provider.isEmpty() ? "greater than or equal to 1" : "less than or equal to 128"));
            }
            if (token == null) {
                addOnce(valueViolations, "Member must not be null");
            } else if (token.isEmpty() || token.length() > 50000) {
                addOnce(valueViolations, "Member must have length " + (token.isEmpty() ? "greater than or equal to 1" : "less than or equal to 50000"));
            }
        });
        // the tokens are never echoed: they are credentials
        validation.check(keyViolations.isEmpty(), "Value at 'logins' failed to satisfy constraint: Map keys must satisfy constraint: " + keyViolations);
        validation.check(valueViolations.isEmpty(), "Value at 'logins' failed to satisfy constraint: Map value must satisfy constraint: " + valueViolations);
        return validation;
    }

    private static void addOnce(List<String> violations, String violation) {
        if (!violations.contains(violation)) {
            violations.add(violation);
        }
    }
}
