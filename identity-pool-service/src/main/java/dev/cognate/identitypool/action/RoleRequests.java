package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.domain.IdentityPoolRoles;
import dev.cognate.identitypool.domain.IdentityPoolRoles.MappingRule;
import dev.cognate.identitypool.domain.IdentityPoolRoles.RoleMapping;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Constraints of SetIdentityPoolRoles: the API reference's shapes, then Cognito's rules between members. */
final class RoleRequests {

    static final Pattern ROLE_TYPE = Pattern.compile("(un)?authenticated");
    static final Pattern CLAIM_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    static final List<String> MAPPING_TYPES = List.of(RoleMapping.TOKEN, RoleMapping.RULES);
    static final List<String> AMBIGUOUS_RESOLUTIONS = List.of(RoleMapping.AUTHENTICATED_ROLE, RoleMapping.DENY);
    static final List<String> MATCH_TYPES = List.of("Equals", "Contains", "StartsWith", "NotEqual");
    static final int MAX_ROLE_MAPPINGS = 10;
    static final int MAX_RULES = 25;

    private RoleRequests() {
    }

    /** @throws CognitoException {@code InvalidParameterException} naming every violation */
    static IdentityPoolRoles roles(Validation validation, Map<String, String> roles, Map<String, RoleMapping> mappings) {
        validation.required("roles", roles);
        if (roles != null) {
            roles.forEach((type, arn) -> validation
                    .pattern("roles.key", type, ROLE_TYPE)
                    .required("roles." + type, arn)
                    .length("roles." + type, arn, 20, 2048));
        }
        if (mappings != null) {
            validation.check(mappings.size() <= MAX_ROLE_MAPPINGS, "Value '" + mappings.keySet() + "' at 'roleMappings' failed to"
                    + " satisfy constraint: Member must have length less than or equal to " + MAX_ROLE_MAPPINGS);
            mappings.forEach((provider, mapping) -> mapping(validation, provider, mapping));
        }
        validation.throwIfInvalid();
        if (mappings != null) {
            mappings.forEach(RoleRequests::consistent);
        }
        return new IdentityPoolRoles(roles, mappings);
    }

    private static void mapping(Validation validation, String provider, RoleMapping mapping) {
        String path = "roleMappings." + provider;
        validation.length("roleMappings.key", provider, 1, 128).required(path, mapping);
        if (mapping == null) {
            return;
        }
        validation.required(path + ".type", mapping.type())
                .oneOf(path + ".type", mapping.type(), MAPPING_TYPES)
                .oneOf(path + ".ambiguousRoleResolution", mapping.ambiguousRoleResolution(), AMBIGUOUS_RESOLUTIONS);
        if (mapping.rulesConfiguration() == null) {
            return;
        }
        List<MappingRule> rules = mapping.rulesConfiguration().rules();
        validation.size(path + ".rulesConfiguration.rules", rules, 1, MAX_RULES);
        for (int i = 0; i < rules.size(); i++) {
            String rulePath = path + ".rulesConfiguration.rules." + (i + 1) + ".member";
            MappingRule rule = rules.get(i);
            validation.required(rulePath, rule);
            if (rule == null) {
                continue;
            }
            validation.required(rulePath + ".claim", rule.claim()).length(rulePath + ".claim", rule.claim(), 1, 64)
                    .pattern(rulePath + ".claim", rule.claim(), CLAIM_NAME)
                    .required(rulePath + ".matchType", rule.matchType()).oneOf(rulePath + ".matchType", rule.matchType(), MATCH_TYPES)
                    .required(rulePath + ".value", rule.value()).length(rulePath + ".value", rule.value(), 1, 128)
                    .required(rulePath + ".roleARN", rule.roleARN()).length(rulePath + ".roleARN", rule.roleARN(), 20, 2048);
        }
    }

    /** Cognito's rules between the members of one mapping, checked once every shape is valid. */
    private static void consistent(String provider, RoleMapping mapping) {
        if (mapping.ambiguousRoleResolution() == null) {
            throw CognitoException.invalidParameter("AmbiguousRoleResolution must be specified for role mapping '" + provider + "'.");
        }
        if (RoleMapping.RULES.equals(mapping.type()) && mapping.rulesConfiguration() == null) {
            throw CognitoException.invalidParameter("RulesConfiguration must be specified for role mapping '" + provider
                    + "' of type Rules.");
        }
        if (RoleMapping.TOKEN.equals(mapping.type()) && mapping.rulesConfiguration() != null) {
            throw CognitoException.invalidParameter("RulesConfiguration must not be specified for role mapping '" + provider
                    + "' of type Token.");
        }
    }
}
