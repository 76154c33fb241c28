package dev.cognate.identitypool.role;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.identitypool.domain.IdentityPoolRoles;
import dev.cognate.identitypool.domain.IdentityPoolRoles.MappingRule;
import dev.cognate.identitypool.domain.IdentityPoolRoles.RoleMapping;
import dev.cognate.identitypool.login.SamlLogins;
import dev.cognate.identitypool.login.SamlProviders;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the role of a credentials request as Cognito's enhanced flow does.
 * <ul>
 *   <li>a guest: the pool's {@code unauthenticated} role;</li>
 *   <li>a login whose provider has no role mapping: the {@code authenticated} role;</li>
 *   <li>{@code Token}: the caller's {@code CustomRoleArn} if it is one of the token's {@code cognito:roles}, else
 *       {@code cognito:preferred_role}, else the only entry of {@code cognito:roles};</li>
 *   <li>{@code Rules}: the role of the first rule whose claim matches, in the order the rules were given.</li>
 * </ul>
 * When a mapping finds no role, {@code AmbiguousRoleResolution} decides: {@code AuthenticatedRole} or {@code Deny}.
 * <p>
 * A SAML login ({@code SamlProviderARNs}) brings its roles: the assertion's
 * {@code https://aws.amazon.com/SAML/Attributes/Role} pairs that name its provider. Unless a {@code Rules} mapping
 * chooses (on the assertion's attributes), the role is the caller's {@code CustomRoleArn}, which must be one of them
 * (Cognito: "the user assumes the customRoleArn if the role matches one in the claim in the SAML assertion"), else the
 * only one; several without {@code CustomRoleArn} are ambiguous; an assertion without roles gets the
 * {@code authenticated} role.
 * A role that is needed but not set is {@code InvalidIdentityPoolConfigurationException}, as in Cognito.
 */
public final class RoleResolver {

    public static final String INVALID_CONFIGURATION = "Invalid identity pool configuration. Check assigned IAM roles for this pool.";

    private RoleResolver() {
    }

    /**
     * @param providerName  the provider of the login the credentials are for, or {@code null} for a guest
     * @param claims        that login's verified claims ({@code null} for a guest)
     * @param customRoleArn the caller's {@code CustomRoleArn}, or {@code null}
     * @return the role ARN
     */
    public static String resolve(IdentityPoolRoles roles, String providerName, ObjectNode claims, String customRoleArn) {
        if (providerName == null) {
            return required(roles, IdentityPoolRoles.UNAUTHENTICATED);
        }
        RoleMapping mapping = roles.roleMappings().get(providerName);
        if (SamlProviders.isSamlProviderArn(providerName) && (mapping == null || RoleMapping.TOKEN.equals(mapping.type()))) {
            return fromSamlAssertion(roles, mapping, providerName, claims, customRoleArn);
        }
        if (mapping == null) {
            return required(roles, IdentityPoolRoles.AUTHENTICATED);
        }
        String chosen = RoleMapping.TOKEN.equals(mapping.type()) ? fromToken(claims, customRoleArn) : fromRules(mapping, claims);
        if (chosen != null) {
            return chosen;
        }
        if (RoleMapping.DENY.equals(mapping.ambiguousRoleResolution())) {
            throw new CognitoException("NotAuthorizedException",
                    "No role mapping matched for provider '" + providerName + "' and AmbiguousRoleResolution is Deny.");
        }
        return required(roles, IdentityPoolRoles.AUTHENTICATED);
    }

    private static String fromSamlAssertion(IdentityPoolRoles roles, RoleMapping mapping, String providerArn, ObjectNode claims,
                                            String customRoleArn) {
        List<String> offered = SamlLogins.offeredRoles(claims, providerArn);
        if (customRoleArn != null) {
            if (!offered.contains(customRoleArn)) {
                // refused rather than ignored: the caller asked for a role the IdP did not grant
                throw new CognitoException("NotAuthorizedException",
                        "CustomRoleArn '" + customRoleArn + "' is not one of the roles of the SAML assertion.");
            }
            return customRoleArn;
        }
        if (offered.size() == 1) {
            return offered.get(0);
        }
        if (offered.isEmpty() && mapping == null) {
            return required(roles, IdentityPoolRoles.AUTHENTICATED);
        }
        if (mapping == null) {
            throw new CognitoException("NotAuthorizedException",
                    "The SAML assertion offers several roles: choose one with CustomRoleArn.");
        }
        if (RoleMapping.DENY.equals(mapping.ambiguousRoleResolution())) {
            throw new CognitoException("NotAuthorizedException",
                    "No role mapping matched for provider '" + providerArn + "' and AmbiguousRoleResolution is Deny.");
        }
        return required(roles, IdentityPoolRoles.AUTHENTICATED);
    }

    private static String fromToken(ObjectNode claims, String customRoleArn) {
        List<String> tokenRoles = strings(claims.get("cognito:roles"));
        if (customRoleArn != null && tokenRoles.contains(customRoleArn)) {
            return customRoleArn;
        }
        JsonNode preferred = claims.get("cognito:preferred_role");
        if (preferred != null && preferred.isTextual()) {
            return preferred.asText();
        }
        return tokenRoles.size() == 1 ? tokenRoles.get(0) : null;
    }

    private static String fromRules(RoleMapping mapping, ObjectNode claims) {
        if (mapping.rulesConfiguration() == null) {
            return null;
        }
        for (MappingRule rule : mapping.rulesConfiguration().rules()) {
            if (matches(rule, claims.get(rule.claim()))) {
                return rule.roleARN();
            }
        }
        return null;
    }

    /**
     * A claim matches when it is present and, for a list claim such as {@code cognito:groups}, when any element matches
     * ({@code NotEqual}: when no element equals the value).
     */
    static boolean matches(MappingRule rule, JsonNode claim) {
        List<String> values = strings(claim);
        if (values.isEmpty()) {
            return false;
        }
        return switch (rule.matchType()) {
            case "Equals" -> values.contains(rule.value());
            case "NotEqual" -> !values.contains(rule.value());
            case "Contains" -> values.stream().anyMatch(value -> value.contains(rule.value()));
            case "StartsWith" -> values.stream().anyMatch(value -> value.startsWith(rule.value()));
            default -> false;
        };
    }

    /** A claim as strings: a string, a number or boolean as its text, an array as its scalar elements; absent: none. */
    private static List<String> strings(JsonNode claim) {
        List<String> values = new ArrayList<>();
        if (claim == null || claim.isNull()) {
            return values;
        }
        if (claim.isArray()) {
            claim.forEach(element -> {
                if (element.isValueNode()) {
                    values.add(element.asText());
                }
            });
        } else if (claim.isValueNode()) {
            values.add(claim.asText());
        }
        return values;
    }

    private static String required(IdentityPoolRoles roles, String type) {
        String role = roles.roles().get(type);
        if (role == null) {
            throw new CognitoException("InvalidIdentityPoolConfigurationException", INVALID_CONFIGURATION);
        }
        return role;
    }
}
