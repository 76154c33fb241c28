package dev.cognate.identitypool.role;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.identitypool.domain.PrincipalTagAttributeMap;

import java.util.Map;
import java.util.TreeMap;

/**
 * The principal tags of credentials (attributes for access control): for each mapping of the login's provider
 * (tag key → claim name), the tag takes the claim's value from the verified login token. A claim that is absent, or is
 * not a single value (an object or a list such as {@code cognito:groups}), gives no tag: session tags hold one string.
 */
public final class PrincipalTags {

    private PrincipalTags() {
    }

    /**
     * @param map    the provider's attribute map, or {@code null} when none was set (no tags, as Cognito)
     * @param claims the verified claims of the login
     * @return tag key → value, in key order
     */
    public static Map<String, String> of(PrincipalTagAttributeMap map, ObjectNode claims) {
        Map<String, String> tags = new TreeMap<>();
        if (map == null || claims == null) {
            return tags;
        }
        map.effective().forEach((tagKey, claimName) -> {
            JsonNode claim = claims.get(claimName);
            if (claim != null && claim.isValueNode() && !claim.isNull()) {
                tags.put(tagKey, claim.asText());
            }
        });
        return tags;
    }
}
