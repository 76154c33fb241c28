package dev.cognate.identitypool.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * How the claims of one provider's logins become principal tags of the credentials (SetPrincipalTagAttributeMap).
 *
 * @param useDefaults   Cognito's default mappings ({@link #DEFAULTS}) instead of a custom map
 * @param principalTags the custom map: principal tag key → claim name
 */
public record PrincipalTagAttributeMap(String identityPoolId, String identityProviderName, boolean useDefaults,
                                       Map<String, String> principalTags) {

    /**
     * Cognito's default mappings for user pools (and the other OpenID Connect providers): the tag {@code client} holds the
     * token's {@code aud} (the app client id), {@code username} its {@code sub}.
     */
    public static final Map<String, String> DEFAULTS = Map.of("client", "aud", "username", "sub");

    public PrincipalTagAttributeMap {
        principalTags = principalTags == null ? Map.of() : new TreeMap<>(principalTags);
    }

    /** The mappings that apply: the defaults, or the custom map. */
    public Map<String, String> effective() {
        return useDefaults ? new TreeMap<>(DEFAULTS) : principalTags;
    }
}
