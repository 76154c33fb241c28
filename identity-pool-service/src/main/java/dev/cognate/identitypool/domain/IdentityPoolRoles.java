package dev.cognate.identitypool.domain;

import java.util.List;
import java.util.Map;

/**
 * What SetIdentityPoolRoles stored, in Cognito's wire form.
 *
 * @param roles        {@code authenticated} and/or {@code unauthenticated} to a role ARN
 * @param roleMappings a provider name to how the role of its users is chosen
 */
public record IdentityPoolRoles(Map<String, String> roles, Map<String, RoleMapping> roleMappings) {

    public static final String AUTHENTICATED = "authenticated";
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final IdentityPoolRoles NONE = new IdentityPoolRoles(Map.of(), Map.of());

    public IdentityPoolRoles {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
        roleMappings = roleMappings == null ? Map.of() : Map.copyOf(roleMappings);
    }

    /**
     * @param type                    {@code Token} or {@code Rules}
     * @param ambiguousRoleResolution {@code AuthenticatedRole} or {@code Deny}: what happens when no role is found
     * @param rulesConfiguration      the rules, for {@code Rules}
     */
    public record RoleMapping(String type, String ambiguousRoleResolution, RulesConfiguration rulesConfiguration) {
        public static final String TOKEN = "Token";
        public static final String RULES = "Rules";
        public static final String AUTHENTICATED_ROLE = "AuthenticatedRole";
        public static final String DENY = "Deny";
    }

    public record RulesConfiguration(List<MappingRule> rules) {
        public RulesConfiguration {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /** {@code MatchType}: {@code Equals}, {@code Contains}, {@code StartsWith} or {@code NotEqual}. */
    public record MappingRule(String claim, String matchType, String value, String roleARN) {
    }
}
