package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ListUsers through the AWS SDK for Java v2: filters, AttributesToGet, pagination, and the index that serves them. */
@QuarkusTest
class ListUsersTest extends CognitoIdpTest {

    @Inject
    Pool db;

    private String poolId;

    @BeforeEach
    void createPoolWithUsers() {
        poolId = newPool("list");
        cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(a -> a.name("tier")));
        create("amy", "amy@example.com", "Smith", "gold");
        create("ben", "ben@example.org", "Smithers", "silver");
        create("cat", "cat@example.com", "Jones", "gold");
        create("dan", "dan@example.net", "Smith", null);
        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("dan"));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("cat").password("Perm4nent!Pass").permanent(true));
    }

    private void create(String username, String email, String familyName, String tier) {
        List<AttributeType> attributes = new ArrayList<>(List.of(AdminUsersTest.attribute("email", email),
                AdminUsersTest.attribute("family_name", familyName)));
        if (tier != null) {
            attributes.add(AdminUsersTest.attribute("custom:tier", tier));
        }
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).userAttributes(attributes).messageAction(MessageActionType.SUPPRESS));
    }

    private List<String> usernames(String filter) {
        return cognito.listUsers(r -> r.userPoolId(poolId).filter(filter)).users().stream().map(UserType::username).toList();
    }

    @Test
    void listsEveryUserInUsernameOrderWithAllAttributes() {
        ListUsersResponse response = cognito.listUsers(r -> r.userPoolId(poolId));
        assertThat(response.users()).extracting(UserType::username).containsExactly("amy", "ben", "cat", "dan");
        assertThat(response.paginationToken()).isNull();
        assertThat(AdminUsersTest.attributes(response.users().get(0).attributes())).containsKeys("sub", "email", "family_name", "custom:tier");
    }

    @Test
    void filtersByExactValueAndPrefixOnCognitosAttributes() {
        assertThat(usernames("email = \"ben@example.org\"")).containsExactly("ben");
        assertThat(usernames("family_name = \"Smith\"")).containsExactlyInAnyOrder("amy", "dan");
        assertThat(usernames("family_name ^= \"Smith\"")).containsExactlyInAnyOrder("amy", "ben", "dan");
        assertThat(usernames("username ^= \"c\"")).containsExactly("cat");
        assertThat(usernames("cognito:user_status = \"CONFIRMED\"")).containsExactly("cat");
        assertThat(usernames("status = \"Disabled\"")).containsExactly("dan");
        assertThat(usernames("email ^= \"nobody\"")).isEmpty();
        String sub = AdminUsersTest.attributes(cognito.adminGetUser(r -> r.userPoolId(poolId).username("amy")).userAttributes()).get("sub");
        assertThat(usernames("sub = \"" + sub + "\"")).containsExactly("amy");
    }

    @Test
    void filtersOnCustomAttributesBeyondCognito() {
        assertThat(usernames("custom:tier = \"gold\"")).containsExactlyInAnyOrder("amy", "cat");
        assertThat(usernames("custom:tier ^= \"s\"")).containsExactly("ben");
    }

    @Test
    void followsAttributeChangesInTheIndex() {
        cognito.adminUpdateUserAttributes(r -> r.userPoolId(poolId).username("amy").userAttributes(AdminUsersTest.attribute("family_name", "Brown")));
        cognito.adminDeleteUser(r -> r.userPoolId(poolId).username("dan"));
        assertThat(usernames("family_name = \"Smith\"")).isEmpty();
        assertThat(usernames("family_name = \"Brown\"")).containsExactly("amy");
    }

    @Test
    void returnsOnlyTheAttributesAskedFor() {
        UserType amy = cognito.listUsers(r -> r.userPoolId(poolId).filter("username = \"amy\"").attributesToGet("email")).users().get(0);
        assertThat(amy.attributes()).extracting(AttributeType::name).containsExactly("email");
    }

    @Test
    void pagesThroughUnfilteredAndFilteredListsWithoutGapsOrRepeats() {
        assertThat(pageThrough(null)).containsExactly("amy", "ben", "cat", "dan");
        assertThat(pageThrough("email ^= \"\"")).containsExactlyInAnyOrder("amy", "ben", "cat", "dan");
        assertThat(pageThrough("family_name ^= \"Smith\"")).containsExactlyInAnyOrder("amy", "ben", "dan");
        // exact filters that several users share: the next page seeks by sub within the value
        assertThat(pageThrough("family_name = \"Smith\"")).containsExactlyInAnyOrder("amy", "dan");
        assertThat(pageThrough("status = \"Enabled\"")).containsExactlyInAnyOrder("amy", "ben", "cat");
        assertThat(pageThrough("cognito:user_status = \"FORCE_CHANGE_PASSWORD\"")).containsExactlyInAnyOrder("amy", "ben", "dan");
    }

    private List<String> pageThrough(String filter) {
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListUsersResponse page = cognito.listUsers(r -> r.userPoolId(poolId).filter(filter).limit(1).paginationToken(next));
            assertThat(page.users()).hasSizeLessThanOrEqualTo(1);
            page.users().forEach(user -> seen.add(user.username()));
            token = page.paginationToken();
        } while (token != null);
        return seen;
    }

    @Test
    void refusesBadFiltersLimitsAndTokens() {
        assertThatThrownBy(() -> usernames("email = unquoted")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Error while parsing filter.");
        assertThatThrownBy(() -> usernames("nickname = \"x\"")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Invalid search attribute: nickname");
        assertThatThrownBy(() -> cognito.listUsers(r -> r.userPoolId(poolId).limit(61))).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Member must have value less than or equal to 60");
        assertThatThrownBy(() -> cognito.listUsers(r -> r.userPoolId(poolId).paginationToken("forged"))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> cognito.listUsers(r -> r.userPoolId("us-east-1_Nope12345"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void servesAFilteredPageFromTheIndexNotAScan() {
        String plan = explain("SELECT s.sub FROM user_search s JOIN users u ON u.user_pool_id = s.user_pool_id AND u.sub = s.sub"
                + " WHERE s.user_pool_id = $1 AND s.attribute = 'email' AND s.value >= 'a' AND s.value < 'b' ORDER BY s.value, s.sub LIMIT 61");
        assertThat(plan).contains("Index").contains("user_search_pkey").doesNotContain("Seq Scan on user_search").doesNotContain("Sort");
    }

    private String explain(String query) {
        StringBuilder plan = new StringBuilder();
        db.withTransaction(tx -> tx.query("SET LOCAL enable_seqscan = off").execute()
                        .chain(() -> tx.preparedQuery("EXPLAIN " + query).execute(Tuple.of(poolId))))
                .await().indefinitely().forEach(row -> plan.append(row.getString(0)).append('\n'));
        return plan.toString();
    }
}
