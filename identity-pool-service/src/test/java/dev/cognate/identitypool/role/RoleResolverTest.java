package dev.cognate.identitypool.role;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.identitypool.domain.IdentityPoolRoles.MappingRule;
import dev.cognate.identitypool.domain.IdentityPoolRoles.RoleMapping;
import dev.cognate.identitypool.domain.IdentityPoolRoles.RulesConfiguration;
import dev.cognate.identitypool.domain.IdentityPoolRoles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Role resolution as Cognito's enhanced flow: guests, default authenticated role, Token and Rules mappings, ambiguity. */
class RoleResolverTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String AUTH = "arn:aws:iam::000000000000:role/Authenticated";
    static final String UNAUTH = "arn:aws:iam::000000000000:role/Guest";
    static final String ADMIN = "arn:aws:iam::000000000000:role/Admin";
    static final String EDITOR = "arn:aws:iam::000000000000:role/Editor";
    static final String PROVIDER = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1";
    static final Map<String, String> BOTH = Map.of("authenticated", AUTH, "unauthenticated", UNAUTH);

    static ObjectNode claims(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static IdentityPoolRoles withMapping(Map<String, String> roles, RoleMapping mapping) {
        return new IdentityPoolRoles(roles, Map.of(PROVIDER, mapping));
    }

    static RoleMapping rules(String ambiguous, MappingRule... rules) {
        return new RoleMapping("Rules", ambiguous, new RulesConfiguration(List.of(rules)));
    }

    @Test
    void guestGetsUnauthenticatedRoleAndLoginWithoutMappingTheAuthenticatedRole() {
        IdentityPoolRoles roles = new IdentityPoolRoles(BOTH, Map.of());
        assertThat(RoleResolver.resolve(roles, null, null, null)).isEqualTo(UNAUTH);
        assertThat(RoleResolver.resolve(roles, PROVIDER, claims("{}"), null)).isEqualTo(AUTH);
    }

    @Test
    void missingRoleIsInvalidConfiguration() {
        CognitoException refused = catchThrowableOfType(CognitoException.class,
                () -> RoleResolver.resolve(new IdentityPoolRoles(Map.of("authenticated", AUTH), Map.of()), null, null, null));
        assertThat(refused.type()).isEqualTo("InvalidIdentityPoolConfigurationException");
        assertThat(refused.getMessage()).isEqualTo("Invalid identity pool configuration. Check assigned IAM roles for this pool.");
    }

    @Test
    void tokenMappingPrefersCustomRoleInRolesThenPreferredRoleThenSingleRole() {
        IdentityPoolRoles roles = withMapping(BOTH, new RoleMapping("Token", "AuthenticatedRole", null));
        ObjectNode groups = claims("{\"cognito:roles\":[\"" + ADMIN + "\",\"" + EDITOR + "\"],\"cognito:preferred_role\":\"" + ADMIN + "\"}");

        assertThat(RoleResolver.resolve(roles, PROVIDER, groups, EDITOR)).isEqualTo(EDITOR);
        assertThat(RoleResolver.resolve(roles, PROVIDER, groups, "arn:aws:iam::000000000000:role/NotMine")).isEqualTo(ADMIN);
        assertThat(RoleResolver.resolve(roles, PROVIDER, groups, null)).isEqualTo(ADMIN);
        assertThat(RoleResolver.resolve(roles, PROVIDER, claims("{\"cognito:roles\":[\"" + EDITOR + "\"]}"), null)).isEqualTo(EDITOR);
        // two roles, no preference: ambiguous, resolved to the authenticated role
        assertThat(RoleResolver.resolve(roles, PROVIDER, claims("{\"cognito:roles\":[\"" + ADMIN + "\",\"" + EDITOR + "\"]}"), null))
                .isEqualTo(AUTH);
    }

    @Test
    void ambiguousWithDenyIsRefused() {
        IdentityPoolRoles roles = withMapping(BOTH, new RoleMapping("Token", "Deny", null));
        CognitoException refused = catchThrowableOfType(CognitoException.class,
                () -> RoleResolver.resolve(roles, PROVIDER, claims("{}"), null));
        assertThat(refused.type()).isEqualTo("NotAuthorizedException");
    }

    @Test
    void rulesFirstMatchWins() {
        IdentityPoolRoles roles = withMapping(BOTH, rules("AuthenticatedRole",
                new MappingRule("cognito:groups", "Contains", "adm", ADMIN),
                new MappingRule("custom:dept", "StartsWith", "edit", EDITOR),
                new MappingRule("custom:dept", "Equals", "editorial", ADMIN)));

        assertThat(RoleResolver.resolve(roles, PROVIDER, claims("{\"cognito:groups\":[\"users\",\"admins\"],\"custom:dept\":\"editorial\"}"), null))
                .isEqualTo(ADMIN);
        assertThat(RoleResolver.resolve(roles, PROVIDER, claims("{\"cognito:groups\":[\"users\"],\"custom:dept\":\"editorial\"}"), null))
                .isEqualTo(EDITOR);
        assertThat(RoleResolver.resolve(roles, PROVIDER, claims("{\"custom:dept\":\"sales\"}"), null)).isEqualTo(AUTH);
    }

    @Test
    void matchTypes() {
        ObjectNode claims = claims("{\"email\":\"ann@example.com\",\"groups\":[\"a\",\"b\"],\"age\":42}");
        assertThat(RoleResolver.matches(new MappingRule("email", "Equals", "ann@example.com", ADMIN), claims.get("email"))).isTrue();
        assertThat(RoleResolver.matches(new MappingRule("email", "Equals", "ann", ADMIN), claims.get("email"))).isFalse();
        assertThat(RoleResolver.matches(new MappingRule("email", "Contains", "@example", ADMIN), claims.get("email"))).isTrue();
        assertThat(RoleResolver.matches(new MappingRule("email", "StartsWith", "ann@", ADMIN), claims.get("email"))).isTrue();
        assertThat(RoleResolver.matches(new MappingRule("email", "StartsWith", "bob", ADMIN), claims.get("email"))).isFalse();
        assertThat(RoleResolver.matches(new MappingRule("email", "NotEqual", "bob@example.com", ADMIN), claims.get("email"))).isTrue();
        assertThat(RoleResolver.matches(new MappingRule("email", "NotEqual", "ann@example.com", ADMIN), claims.get("email"))).isFalse();
        assertThat(RoleResolver.matches(new MappingRule("groups", "Equals", "b", ADMIN), claims.get("groups"))).isTrue();
        assertThat(RoleResolver.matches(new MappingRule("groups", "NotEqual", "b", ADMIN), claims.get("groups"))).isFalse();
        assertThat(RoleResolver.matches(new MappingRule("age", "Equals", "42", ADMIN), claims.get("age"))).isTrue();
        // an absent claim matches no rule, not even NotEqual
        assertThat(RoleResolver.matches(new MappingRule("missing", "NotEqual", "x", ADMIN), claims.get("missing"))).isFalse();
    }

    static final String SAML = "arn:aws:iam::000000000000:saml-provider/Corp";
    static final String ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role";

    @Test
    void aSamlLoginTakesItsRoleFromTheAssertionsPairsForItsProviderInEitherOrder() {
        IdentityPoolRoles roles = new IdentityPoolRoles(BOTH, Map.of());
        ObjectNode one = claims("{\"" + ROLE_ATTRIBUTE + "\": \"" + SAML + "," + ADMIN + "\"}");
        ObjectNode two = claims("{\"" + ROLE_ATTRIBUTE + "\": [\"" + ADMIN + "," + SAML + "\", \"" + EDITOR + "," + SAML + "\","
                + " \"arn:aws:iam::000000000000:role/Other,arn:aws:iam::000000000000:saml-provider/Elsewhere\"]}");

        assertThat(RoleResolver.resolve(roles, SAML, one, null)).isEqualTo(ADMIN);
        assertThat(RoleResolver.resolve(roles, SAML, two, EDITOR)).isEqualTo(EDITOR);
        assertThat(RoleResolver.resolve(roles, SAML, claims("{\"sub\": \"x\"}"), null)).as("no roles offered").isEqualTo(AUTH);
        assertThat(catchThrowableOfType(CognitoException.class, () -> RoleResolver.resolve(roles, SAML, two, null)).getMessage())
                .isEqualTo("The SAML assertion offers several roles: choose one with CustomRoleArn.");
        CognitoException notOffered = catchThrowableOfType(CognitoException.class,
                () -> RoleResolver.resolve(roles, SAML, two, "arn:aws:iam::000000000000:role/Other"));
        assertThat(notOffered.type()).isEqualTo("NotAuthorizedException");
        assertThat(notOffered.getMessage()).isEqualTo("CustomRoleArn 'arn:aws:iam::000000000000:role/Other' is not one of the roles of the SAML assertion.");
    }

    @Test
    void aTokenMappingOfASamlProviderResolvesAmbiguityAndRulesReadTheAttributes() {
        ObjectNode two = claims("{\"department\": \"finance\", \"" + ROLE_ATTRIBUTE + "\": [\"" + ADMIN + "," + SAML + "\", \""
                + EDITOR + "," + SAML + "\"]}");
        IdentityPoolRoles token = new IdentityPoolRoles(BOTH, Map.of(SAML, new RoleMapping("Token", "AuthenticatedRole", null)));
        IdentityPoolRoles deny = new IdentityPoolRoles(BOTH, Map.of(SAML, new RoleMapping("Token", "Deny", null)));
        IdentityPoolRoles rules = new IdentityPoolRoles(BOTH, Map.of(SAML,
                rules("Deny", new MappingRule("department", "Equals", "finance", EDITOR))));

        assertThat(RoleResolver.resolve(token, SAML, two, null)).isEqualTo(AUTH);
        assertThat(catchThrowableOfType(CognitoException.class, () -> RoleResolver.resolve(deny, SAML, two, null)).type())
                .isEqualTo("NotAuthorizedException");
        assertThat(RoleResolver.resolve(rules, SAML, two, ADMIN)).as("Rules decide, as for every provider").isEqualTo(EDITOR);
    }
}
