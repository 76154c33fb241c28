package dev.cognate.identitypool.compat;

import dev.cognate.events.IdentityPoolEvents;
import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.AmbiguousRoleResolutionType;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdentityPoolRolesResponse;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentity.model.MappingRule;
import software.amazon.awssdk.services.cognitoidentity.model.MappingRuleMatchType;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMappingType;

import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** SetIdentityPoolRoles / GetIdentityPoolRoles through the AWS SDK v2, with Cognito's validation. */
@QuarkusTest
class IdentityPoolRolesTest {

    static final String AUTH = "arn:aws:iam::000000000000:role/Authenticated";
    static final String UNAUTH = "arn:aws:iam::000000000000:role/Guest";
    static final String ADMIN = "arn:aws:iam::000000000000:role/Admin";
    static final String PROVIDER = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Roles1";

    @TestHTTPResource("/")
    URL endpoint;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void rolesAndMappingsRoundTrip() {
        try (CognitoIdentityClient cognito = CognitoIdentityClients.operator(endpoint)) {
            String pool = cognito.createIdentityPool(r -> r.identityPoolName("roles-" + UUID.randomUUID().toString().substring(0, 8))
                    .allowUnauthenticatedIdentities(true)).identityPoolId();
            assertThat(cognito.getIdentityPoolRoles(r -> r.identityPoolId(pool)).roles()).isEmpty();

            RoleMapping rules = RoleMapping.builder().type(RoleMappingType.RULES)
                    .ambiguousRoleResolution(AmbiguousRoleResolutionType.AUTHENTICATED_ROLE)
                    .rulesConfiguration(c -> c.rules(MappingRule.builder().claim("cognito:groups").matchType(MappingRuleMatchType.CONTAINS)
                            .value("admins").roleARN(ADMIN).build()))
                    .build();
            cognito.setIdentityPoolRoles(r -> r.identityPoolId(pool).roles(Map.of("authenticated", AUTH, "unauthenticated", UNAUTH))
                    .roleMappings(Map.of(PROVIDER, rules)));

            GetIdentityPoolRolesResponse stored = cognito.getIdentityPoolRoles(r -> r.identityPoolId(pool));
            assertThat(stored.identityPoolId()).isEqualTo(pool);
            assertThat(stored.roles()).isEqualTo(Map.of("authenticated", AUTH, "unauthenticated", UNAUTH));
            assertThat(stored.roleMappings()).isEqualTo(Map.of(PROVIDER, rules));
            assertThat(Rows.strings(dataSource, "SELECT payload::jsonb ->> 'type' FROM outbox WHERE message_key = ? ORDER BY id", pool))
                    .containsExactly(IdentityPoolEvents.POOL_CREATED.name(), IdentityPoolEvents.POOL_UPDATED.name());
        }
    }

    @Test
    void invalidRolesAreRefusedWithCognitoValidationAndChangeNothing() {
        try (CognitoIdentityClient cognito = CognitoIdentityClients.operator(endpoint)) {
            String pool = cognito.createIdentityPool(r -> r.identityPoolName("roles-bad-" + UUID.randomUUID().toString().substring(0, 8))
                    .allowUnauthenticatedIdentities(true)).identityPoolId();

            assertThat(message(() -> cognito.setIdentityPoolRoles(r -> r.identityPoolId(pool).roles(Map.of("admin", AUTH)))))
                    .contains("at 'roles.key' failed to satisfy constraint: Member must satisfy regular expression pattern: (un)?authenticated");
            assertThat(message(() -> cognito.setIdentityPoolRoles(r -> r.identityPoolId(pool).roles(Map.of("authenticated", "short")))))
                    .contains("Member must have length greater than or equal to 20");
            MappingRule rule = MappingRule.builder().claim("sub").matchType(MappingRuleMatchType.EQUALS).value("x").roleARN(ADMIN).build();
            RoleMapping tooMany = RoleMapping.builder().type(RoleMappingType.RULES).ambiguousRoleResolution(AmbiguousRoleResolutionType.DENY)
                    .rulesConfiguration(c -> c.rules(Collections.nCopies(26, rule))).build();
            assertThat(message(() -> cognito.setIdentityPoolRoles(r -> r.identityPoolId(pool).roles(Map.of("authenticated", AUTH))
                    .roleMappings(Map.of(PROVIDER, tooMany))))).contains("Member must have length less than or equal to 25");
            RoleMapping badMatch = RoleMapping.builder().type(RoleMappingType.RULES).ambiguousRoleResolution(AmbiguousRoleResolutionType.DENY)
                    .rulesConfiguration(c -> c.rules(rule.toBuilder().matchType("Regex").build())).build();
            assertThat(message(() -> cognito.setIdentityPoolRoles(r -> r.identityPoolId(pool).roles(Map.of("authenticated", AUTH))
                    .roleMappings(Map.of(PROVIDER, badMatch))))).contains("Member must satisfy enum value set: [Equals, Contains, StartsWith, NotEqual]");
            RoleMapping noRules = RoleMapping.builder().type(RoleMappingType.RULES).ambiguousRoleResolution(AmbiguousRoleResolutionType.DENY).build();
            assertThat(message(() -> cognito.setIdentityPoolRoles(r -> r.identityPoolId(pool).roles(Map.of("authenticated", AUTH))
                    .roleMappings(Map.of(PROVIDER, noRules))))).contains("RulesConfiguration must be specified");
            RoleMapping noAmbiguity = RoleMapping.builder().type(RoleMappingType.TOKEN).build();
            assertThat(message(() -> cognito.setIdentityPoolRoles(r -> r.identityPoolId(pool).roles(Map.of("authenticated", AUTH))
                    .roleMappings(Map.of(PROVIDER, noAmbiguity))))).contains("AmbiguousRoleResolution must be specified");

            assertThat(cognito.getIdentityPoolRoles(r -> r.identityPoolId(pool)).roles()).isEmpty();
            String missing = "us-east-1:" + UUID.randomUUID();
            catchThrowableOfType(ResourceNotFoundException.class, () -> cognito.setIdentityPoolRoles(r -> r.identityPoolId(missing)
                    .roles(Map.of("authenticated", AUTH))));
            assertThat(Rows.count(dataSource, "SELECT 1 FROM outbox WHERE message_key = ?", pool)).isEqualTo(1);
        }
    }

    private static String message(Runnable call) {
        return catchThrowableOfType(InvalidParameterException.class, call::run).awsErrorDetails().errorMessage();
    }
}
