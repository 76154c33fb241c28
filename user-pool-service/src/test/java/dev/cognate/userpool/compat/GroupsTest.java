package dev.cognate.userpool.compat;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.config.QuotaConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListGroupsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CreateGroup, GetGroup, UpdateGroup, DeleteGroup and ListGroups through the AWS SDK for Java v2. */
@QuarkusTest
class GroupsTest extends CognitoIdpTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/admins";

    @Inject
    Pool db;

    @Inject
    QuotaConfig quotas;

    private String poolId;

    @BeforeEach
    void createPool() {
        poolId = newPool("groups");
    }

    @Test
    void createsGroupWithEveryMemberAndReadsItBack() {
        Instant before = Instant.now().minusSeconds(1);
        GroupType created = cognito.createGroup(r -> r.userPoolId(poolId).groupName("admins")
                .description("People who run things").roleArn(ROLE).precedence(0)).group();

        assertThat(created.groupName()).isEqualTo("admins");
        assertThat(created.userPoolId()).isEqualTo(poolId);
        assertThat(created.description()).isEqualTo("People who run things");
        assertThat(created.roleArn()).isEqualTo(ROLE);
        assertThat(created.precedence()).isZero();
        assertThat(created.creationDate()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(created.lastModifiedDate()).isEqualTo(created.creationDate());

        assertThat(cognito.getGroup(r -> r.userPoolId(poolId).groupName("admins")).group()).isEqualTo(created);
    }

    @Test
    void createsGroupWithOnlyANameLeavingTheRestUnset() {
        GroupType created = cognito.createGroup(r -> r.userPoolId(poolId).groupName("Éditeurs-✓")).group();

        assertThat(created.groupName()).isEqualTo("Éditeurs-✓");
        assertThat(created.description()).isNull();
        assertThat(created.roleArn()).isNull();
        assertThat(created.precedence()).isNull();
    }

    @Test
    void updateChangesOnlyTheGivenMembers() {
        GroupType created = cognito.createGroup(r -> r.userPoolId(poolId).groupName("editors")
                .description("before").roleArn(ROLE).precedence(5)).group();

        GroupType updated = cognito.updateGroup(r -> r.userPoolId(poolId).groupName("editors").precedence(1)).group();

        assertThat(updated.precedence()).isEqualTo(1);
        assertThat(updated.description()).as("not in the request: kept").isEqualTo("before");
        assertThat(updated.roleArn()).as("not in the request: kept").isEqualTo(ROLE);
        assertThat(updated.creationDate()).isEqualTo(created.creationDate());
        assertThat(updated.lastModifiedDate()).isAfterOrEqualTo(created.lastModifiedDate());
        assertThat(cognito.getGroup(r -> r.userPoolId(poolId).groupName("editors")).group()).isEqualTo(updated);

        GroupType described = cognito.updateGroup(r -> r.userPoolId(poolId).groupName("editors").description("after")).group();
        assertThat(described.description()).isEqualTo("after");
        assertThat(described.precedence()).isEqualTo(1);
    }

    @Test
    void deletesGroupAndForgetsIt() {
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("temporary"));
        cognito.deleteGroup(r -> r.userPoolId(poolId).groupName("temporary"));

        assertThatThrownBy(() -> cognito.getGroup(r -> r.userPoolId(poolId).groupName("temporary")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Group not found.");
        assertThatThrownBy(() -> cognito.deleteGroup(r -> r.userPoolId(poolId).groupName("temporary")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Group not found.");
        assertThat(cognito.listGroups(r -> r.userPoolId(poolId)).groups()).isEmpty();
    }

    @Test
    void listsEveryGroupOnceInNameOrderAcrossPages() {
        List<String> names = List.of("delta", "alpha", "echo", "charlie", "bravo");
        names.forEach(name -> cognito.createGroup(r -> r.userPoolId(poolId).groupName(name)));

        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            String token = next;
            ListGroupsResponse page = cognito.listGroups(r -> r.userPoolId(poolId).limit(2).nextToken(token));
            assertThat(page.groups()).hasSizeLessThanOrEqualTo(2).allSatisfy(g -> assertThat(g.userPoolId()).isEqualTo(poolId));
            page.groups().forEach(g -> seen.add(g.groupName()));
            next = page.nextToken();
            pages++;
        } while (next != null && pages < 10);

        assertThat(seen).containsExactly("alpha", "bravo", "charlie", "delta", "echo");
        assertThat(pages).isEqualTo(3);
        assertThat(cognito.listGroupsPaginator(r -> r.userPoolId(poolId)).groups()).extracting(GroupType::groupName)
                .containsExactly("alpha", "bravo", "charlie", "delta", "echo");
    }

    @Test
    void rejectsDuplicateGroupNameInThePoolButNotInAnotherPool() {
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("readers").description("first"));

        assertThatThrownBy(() -> cognito.createGroup(r -> r.userPoolId(poolId).groupName("readers").description("second")))
                .isInstanceOf(GroupExistsException.class)
                .hasMessageContaining("A group with the name readers already exists.");
        assertThat(cognito.getGroup(r -> r.userPoolId(poolId).groupName("readers")).group().description()).isEqualTo("first");

        String otherPool = newPool("groups other");
        assertThat(cognito.createGroup(r -> r.userPoolId(otherPool).groupName("readers")).group().userPoolId()).isEqualTo(otherPool);
        assertThat(cognito.createGroup(r -> r.userPoolId(poolId).groupName("Readers")).group().groupName())
                .as("names are case-sensitive").isEqualTo("Readers");
    }

    @Test
    void rejectsUnknownPoolOnEveryGroupAction() {
        String missing = "us-east-1_Nope12345";
        String message = "User pool " + missing + " does not exist.";
        assertThatThrownBy(() -> cognito.createGroup(r -> r.userPoolId(missing).groupName("g")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.getGroup(r -> r.userPoolId(missing).groupName("g")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.updateGroup(r -> r.userPoolId(missing).groupName("g")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.deleteGroup(r -> r.userPoolId(missing).groupName("g")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.listGroups(r -> r.userPoolId(missing)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
    }

    @Test
    void rejectsUnknownGroupOnGetAndUpdate() {
        assertThatThrownBy(() -> cognito.getGroup(r -> r.userPoolId(poolId).groupName("ghosts")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Group not found.");
        assertThatThrownBy(() -> cognito.updateGroup(r -> r.userPoolId(poolId).groupName("ghosts").precedence(3)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Group not found.");
    }

    @Test
    void rejectsInvalidMembersWithAwsValidationMessagesAndCreatesNothing() {
        String longName = "g".repeat(129);
        assertThatThrownBy(() -> cognito.createGroup(r -> r.userPoolId(poolId).groupName(longName)
                        .description("d".repeat(2049)).roleArn("not-an-arn").precedence(-1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("5 validation errors detected: ")
                .hasMessageContaining("Value '" + longName + "' at 'groupName' failed to satisfy constraint: Member must have length less than or equal to 128")
                .hasMessageContaining("at 'description' failed to satisfy constraint: Member must have length less than or equal to 2048")
                .hasMessageContaining("Value 'not-an-arn' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20")
                .hasMessageContaining("Value 'not-an-arn' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:")
                .hasMessageContaining("Value '-1' at 'precedence' failed to satisfy constraint: Member must have value greater than or equal to 0");
        assertThatThrownBy(() -> cognito.createGroup(r -> r.userPoolId(poolId).groupName("with space")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("1 validation error detected: Value 'with space' at 'groupName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
        assertThatThrownBy(() -> cognito.createGroup(r -> r.userPoolId(poolId)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value null at 'groupName' failed to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> cognito.updateGroup(r -> r.userPoolId(poolId).groupName("any").precedence(-5)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at 'precedence'");
        assertThat(cognito.listGroups(r -> r.userPoolId(poolId)).groups()).isEmpty();
    }

    @Test
    void rejectsListLimitOutsideZeroToSixtyAndForgedTokens() {
        assertThatThrownBy(() -> cognito.listGroups(r -> r.userPoolId(poolId).limit(61)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60");
        assertThatThrownBy(() -> cognito.listGroups(r -> r.userPoolId(poolId).limit(-1)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("greater than or equal to 0");
        assertThatThrownBy(() -> cognito.listGroups(r -> r.userPoolId(poolId).nextToken("forged!")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid pagination token.");
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("one"));
        assertThat(cognito.listGroups(r -> r.userPoolId(poolId).limit(0)).groups()).as("0: the default page").hasSize(1);
    }

    @Test
    void writesOneOutboxEventPerChangeKeyedByPool() {
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("audited"));
        assertThatThrownBy(() -> cognito.createGroup(r -> r.userPoolId(poolId).groupName("audited")))
                .isInstanceOf(GroupExistsException.class);
        cognito.updateGroup(r -> r.userPoolId(poolId).groupName("audited").description("changed"));
        assertThatThrownBy(() -> cognito.updateGroup(r -> r.userPoolId(poolId).groupName("absent").description("x")))
                .isInstanceOf(ResourceNotFoundException.class);
        cognito.deleteGroup(r -> r.userPoolId(poolId).groupName("audited"));

        List<OutboxRows.Row> rows = OutboxRows.forPool(db, poolId, "groupName").stream()
                .filter(row -> row.type().startsWith("cognate.userpool.group.")).toList();
        assertThat(rows).extracting(OutboxRows.Row::type).as("refused calls write nothing").containsExactly(
                UserPoolEvents.GROUP_CREATED.name(), UserPoolEvents.GROUP_UPDATED.name(), UserPoolEvents.GROUP_DELETED.name());
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.key()).isEqualTo(poolId);
            assertThat(row.subjectOfData()).isEqualTo("audited");
        });
    }

    @Test
    void deletingThePoolDeletesItsGroups() {
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("one"));
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("two"));
        assertThat(storedGroups(poolId)).isEqualTo(2);

        cognito.deleteUserPool(r -> r.userPoolId(poolId));

        assertThat(storedGroups(poolId)).isZero();
        assertThatThrownBy(() -> cognito.getGroup(r -> r.userPoolId(poolId).groupName("one")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("User pool " + poolId + " does not exist.");
    }

    private long storedGroups(String pool) {
        return db.preparedQuery("SELECT count(*) FROM user_pool_groups WHERE user_pool_id = $1").execute(Tuple.of(pool))
                .await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void concurrentCreatesOfOneNameMakeExactlyOneGroup() throws Exception {
        long created;
        try (CognitoIdentityProviderClient racer = Race.clientWithoutRetries(endpoint)) {
            created = Race.run(5, i -> {
                try {
                    racer.createGroup(r -> r.userPoolId(poolId).groupName("contested").description("caller " + i));
                    return true;
                } catch (GroupExistsException e) {
                    return false;
                }
            });
        }

        assertThat(created).isEqualTo(1);
        assertThat(cognito.listGroups(r -> r.userPoolId(poolId)).groups()).extracting(GroupType::groupName).containsExactly("contested");
        assertThat(OutboxRows.forPool(db, poolId, "groupName")).filteredOn(row -> row.type().equals(UserPoolEvents.GROUP_CREATED.name()))
                .hasSize(1);
    }

    @Test
    void allowsCognitosTenThousandGroupsPerPoolByDefault() {
        assertThat(quotas.groupsPerPool()).isEqualTo(10_000);
    }
}
