package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.UserPoolIds;

import java.util.regex.Pattern;

/** Constraints shared by the user pool actions, with the member names and limits of the API reference. */
final class UserPoolRequests {

    static final Pattern POOL_NAME = Pattern.compile("[\\w\\s+=,.@-]+");

    private UserPoolRequests() {
    }

    static Validation userPoolId(Validation validation, String userPoolId) {
        return validation.required("userPoolId", userPoolId)
                .length("userPoolId", userPoolId, 1, 55)
                .pattern("userPoolId", userPoolId, UserPoolIds.PATTERN);
    }

    static Validation poolName(Validation validation, String poolName) {
        return validation.length("poolName", poolName, 1, 128).pattern("poolName", poolName, POOL_NAME);
    }

    /** A string member of a request read as a JSON tree; any other JSON type is a serialization error. */
    static String text(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new CognitoException("SerializationException", "Unexpected value type for member '" + member + "'.");
        }
        return value.asText();
    }
}
