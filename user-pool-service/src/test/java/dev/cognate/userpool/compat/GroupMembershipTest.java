package dev.cognate.userpool.compat;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.config.QuotaConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminListGroupsForUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** AdminAddUserToGroup, AdminRemoveUserFromGroup, AdminListGroupsForUser and ListUsersInGroup through the AWS SDK for Java v2. */
@QuarkusTest
class GroupMembershipTest extends CognitoIdpTest {

    private static final String MEMBERSHIP = UserPoolEvents.GROUP_MEMBERSHIP_CHANGED.name();

    @Inject
    Pool db;

    @Inject
    QuotaConfig quotas;

    private String poolId;

    @BeforeEach
    void createPool() {
        poolId = newPool("members");
    }

    private UserType createUser(String pool, String username, AttributeType... attributes) {
        return cognito.adminCreateUser(r -> r.userPoolId(pool).username(username).userAttributes(attributes)
                .messageAction(MessageActionType.SUPPRESS)).user();
    }

    private UserType createUser(String username) {
        return createUser(poolId, username);
    }

    private void createGroup(String name) {
        cognito.createGroup(r -> r.userPoolId(poolId).groupName(name));
    }

    private void add(String username, String group) {
        cognito.adminAddUserToGroup(r -> r.userPoolId(poolId).username(username).groupName(group));
    }

    private List<String> groupsOf(String username) {
        return cognito.adminListGroupsForUser(r -> r.userPoolId(poolId).username(username)).groups().stream()
                .map(GroupType::groupName).toList();
    }

    private List<String> membersOf(String group) {
        return cognito.listUsersInGroup(r -> r.userPoolId(poolId).groupName(group)).users().stream().map(UserType::username).toList();
    }

    private static String sub(UserType user) {
        return user.attributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
    }

    private List<OutboxRows.Row> membershipEvents(String dataMember) {
        return OutboxRows.forPool(db, poolId, dataMember).stream().filter(row -> row.type().equals(MEMBERSHIP)).toList();
    }

    @Test
    void addsAUserToGroupsAndListsBothWays() {
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("editors").description("They edit").precedence(2)
                .roleArn("arn:aws:iam::123456789012:role/editors"));
        createGroup("admins");
        createGroup("readers");
        UserType alice = createUser(poolId, "alice", AttributeType.builder().name("email").value("alice@example.com").build());
        createUser("bob");

        add("alice", "editors");
        add("alice", "admins");
        add("bob", "editors");

        AdminListGroupsForUserResponse groups = cognito.adminListGroupsForUser(r -> r.userPoolId(poolId).username("alice"));
        assertThat(groups.groups()).extracting(GroupType::groupName).as("name order").containsExactly("admins", "editors");
        assertThat(groups.nextToken()).isNull();
        GroupType editors = groups.groups().get(1);
        assertThat(editors).as("the same GroupType as GetGroup")
                .isEqualTo(cognito.getGroup(r -> r.userPoolId(poolId).groupName("editors")).group());
        assertThat(editors.description()).isEqualTo("They edit");
        assertThat(editors.precedence()).isEqualTo(2);
        assertThat(editors.userPoolId()).isEqualTo(poolId);

        ListUsersInGroupResponse members = cognito.listUsersInGroup(r -> r.userPoolId(poolId).groupName("editors"));
        assertThat(members.users()).extracting(UserType::username).containsExactlyInAnyOrder("alice", "bob");
        assertThat(members.nextToken()).isNull();
        UserType listedAlice = members.users().stream().filter(u -> u.username().equals("alice")).findFirst().orElseThrow();
        assertThat(listedAlice.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(listedAlice.enabled()).isTrue();
        assertThat(listedAlice.userCreateDate()).isEqualTo(alice.userCreateDate());
        assertThat(listedAlice.attributes()).as("the same attributes as AdminCreateUser answered")
                .containsExactlyInAnyOrderElementsOf(alice.attributes());

        assertThat(membersOf("admins")).containsExactly("alice");
        assertThat(membersOf("readers")).isEmpty();
        assertThat(groupsOf("bob")).containsExactly("editors");
    }

    @Test
    void removesAUserFromAGroupAndNowhereElse() {
        createGroup("one");
        createGroup("two");
        createUser("carol");
        createUser("dan");
        add("carol", "one");
        add("carol", "two");
        add("dan", "one");

        cognito.adminRemoveUserFromGroup(r -> r.userPoolId(poolId).username("carol").groupName("one"));

        assertThat(groupsOf("carol")).containsExactly("two");
        assertThat(membersOf("one")).containsExactly("dan");
        assertThat(groupsOf("dan")).containsExactly("one");
    }

    @Test
    void addingAMemberAgainAndRemovingANonMemberChangeNothingAndPublishNothing() {
        createGroup("team");
        String sub = sub(createUser("erin"));

        add("erin", "team");
        add("erin", "team");
        assertThat(membersOf("team")).containsExactly("erin");
        assertThat(memberships(sub)).isEqualTo(1);

        cognito.adminRemoveUserFromGroup(r -> r.userPoolId(poolId).username("erin").groupName("team"));
        cognito.adminRemoveUserFromGroup(r -> r.userPoolId(poolId).username("erin").groupName("team"));
        assertThat(groupsOf("erin")).isEmpty();

        List<OutboxRows.Row> events = membershipEvents("member");
        assertThat(events).extracting(OutboxRows.Row::subjectOfData).as("one event per actual change").containsExactly("true", "false");
        assertThat(events).extracting(OutboxRows.Row::key).as("keyed like the user's other events").containsOnly(poolId + "/" + sub);
        assertThat(membershipEvents("groupName")).extracting(OutboxRows.Row::subjectOfData).containsOnly("team");
        assertThat(membershipEvents("sub")).extracting(OutboxRows.Row::subjectOfData).containsOnly(sub);
        assertThat(membershipEvents("username")).extracting(OutboxRows.Row::subjectOfData).containsOnly("erin");
    }

    @Test
    void refusedCallsPublishNothing() {
        createGroup("team");
        createUser("frank");

        assertThatThrownBy(() -> add("nobody", "team")).isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> add("frank", "nothing")).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.adminRemoveUserFromGroup(r -> r.userPoolId(poolId).username("frank").groupName("nothing")))
                .isInstanceOf(ResourceNotFoundException.class);

        assertThat(membershipEvents("member")).isEmpty();
    }

    @Test
    void findsTheUserByAliasOrSub() {
        String pool = cognito.createUserPool(r -> r.poolName("members alias " + unique()).aliasAttributes(AliasAttributeType.EMAIL))
                .userPool().id();
        cognito.createGroup(r -> r.userPoolId(pool).groupName("staff"));
        cognito.createGroup(r -> r.userPoolId(pool).groupName("owners"));
        String sub = sub(createUser(pool, "grace", AttributeType.builder().name("email").value("grace@example.com").build(),
                AttributeType.builder().name("email_verified").value("true").build()));

        cognito.adminAddUserToGroup(r -> r.userPoolId(pool).username("grace@example.com").groupName("staff"));
        cognito.adminAddUserToGroup(r -> r.userPoolId(pool).username(sub).groupName("owners"));

        assertThat(cognito.listUsersInGroup(r -> r.userPoolId(pool).groupName("staff")).users()).extracting(UserType::username)
                .containsExactly("grace");
        assertThat(cognito.adminListGroupsForUser(r -> r.userPoolId(pool).username(sub)).groups()).extracting(GroupType::groupName)
                .containsExactly("owners", "staff");
        assertThat(cognito.adminListGroupsForUser(r -> r.userPoolId(pool).username("grace@example.com")).groups()).hasSize(2);

        cognito.adminRemoveUserFromGroup(r -> r.userPoolId(pool).username("grace@example.com").groupName("owners"));
        cognito.adminRemoveUserFromGroup(r -> r.userPoolId(pool).username(sub).groupName("staff"));
        assertThat(cognito.adminListGroupsForUser(r -> r.userPoolId(pool).username("grace")).groups()).isEmpty();
        assertThat(OutboxRows.forPool(db, pool, "username")).filteredOn(row -> row.type().equals(MEMBERSHIP))
                .as("events name the user by its username, whatever name the call used")
                .extracting(OutboxRows.Row::key, OutboxRows.Row::subjectOfData)
                .containsExactly(tuple(pool + "/" + sub, "grace"), tuple(pool + "/" + sub, "grace"),
                        tuple(pool + "/" + sub, "grace"), tuple(pool + "/" + sub, "grace"));
    }

    @Test
    void rejectsAnUnknownPoolOnEveryMembershipAction() {
        String missing = "us-east-1_Nope12345";
        String message = "User pool " + missing + " does not exist.";
        assertThatThrownBy(() -> cognito.adminAddUserToGroup(r -> r.userPoolId(missing).username("u").groupName("g")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.adminRemoveUserFromGroup(r -> r.userPoolId(missing).username("u").groupName("g")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.adminListGroupsForUser(r -> r.userPoolId(missing).username("u")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.listUsersInGroup(r -> r.userPoolId(missing).groupName("g")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
    }

    @Test
    void rejectsAnUnknownUserWithUserNotFound() {
        createGroup("team");
        assertThatThrownBy(() -> add("ghost", "team"))
                .isInstanceOf(UserNotFoundException.class).hasMessageContaining("User does not exist.");
        assertThatThrownBy(() -> cognito.adminRemoveUserFromGroup(r -> r.userPoolId(poolId).username("ghost").groupName("team")))
                .isInstanceOf(UserNotFoundException.class).hasMessageContaining("User does not exist.");
        assertThatThrownBy(() -> cognito.adminListGroupsForUser(r -> r.userPoolId(poolId).username("ghost")))
                .isInstanceOf(UserNotFoundException.class).hasMessageContaining("User does not exist.");

        String otherPool = newPool("members other");
        createUser(otherPool, "henry");
        assertThatThrownBy(() -> add("henry", "team")).as("a user of another pool is unknown here")
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void rejectsAnUnknownGroupWithGroupNotFound() {
        createUser("ivan");
        assertThatThrownBy(() -> add("ivan", "ghosts"))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Group not found.");
        assertThatThrownBy(() -> cognito.adminRemoveUserFromGroup(r -> r.userPoolId(poolId).username("ivan").groupName("ghosts")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Group not found.");
        assertThatThrownBy(() -> cognito.listUsersInGroup(r -> r.userPoolId(poolId).groupName("ghosts")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Group not found.");
        createGroup("Ghosts");
        assertThatThrownBy(() -> add("ivan", "ghosts")).as("group names are case-sensitive")
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Group not found.");
    }

    @Test
    void rejectsInvalidMembersWithAwsValidationMessages() {
        assertThatThrownBy(() -> cognito.adminAddUserToGroup(r -> r.userPoolId(poolId).groupName("team")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value null at 'username' failed to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> cognito.adminRemoveUserFromGroup(r -> r.userPoolId(poolId).username("u").groupName("with space")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value 'with space' at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern");
        assertThatThrownBy(() -> cognito.adminListGroupsForUser(r -> r.userPoolId(poolId).username("u").limit(61)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60");
        assertThatThrownBy(() -> cognito.listUsersInGroup(r -> r.userPoolId(poolId).groupName("team").limit(-1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 0");

        createGroup("team");
        createUser("judy");
        assertThatThrownBy(() -> cognito.adminListGroupsForUser(r -> r.userPoolId(poolId).username("judy").nextToken("forged!")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid pagination token.");
        assertThatThrownBy(() -> cognito.listUsersInGroup(r -> r.userPoolId(poolId).groupName("team").nextToken("forged!")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid pagination token.");
        add("judy", "team");
        assertThat(cognito.adminListGroupsForUser(r -> r.userPoolId(poolId).username("judy").limit(0)).groups())
                .as("0: the default page").hasSize(1);
        assertThat(cognito.listUsersInGroup(r -> r.userPoolId(poolId).groupName("team").limit(0)).users())
                .as("0: the default page").hasSize(1);
    }

    @Test
    void pagesThroughAUsersGroupsInNameOrder() {
        List<String> names = List.of("g5", "g2", "g7", "g1", "g4", "g6", "g3");
        createUser("kate");
        names.forEach(name -> {
            createGroup(name);
            add("kate", name);
        });

        List<List<String>> pages = collectPages(token -> {
            AdminListGroupsForUserResponse page = cognito.adminListGroupsForUser(r -> r.userPoolId(poolId).username("kate").limit(3).nextToken(token));
            return new PageSeen(page.groups().stream().map(GroupType::groupName).toList(), page.nextToken());
        });

        assertThat(pages).containsExactly(List.of("g1", "g2", "g3"), List.of("g4", "g5", "g6"), List.of("g7"));
        assertThat(cognito.adminListGroupsForUserPaginator(r -> r.userPoolId(poolId).username("kate").limit(2)).groups())
                .extracting(GroupType::groupName).containsExactly("g1", "g2", "g3", "g4", "g5", "g6", "g7");
    }

    @Test
    void pagesThroughAGroupsMembersOnceEachInAStableOrder() {
        createGroup("crowd");
        List<String> usernames = IntStream.rangeClosed(1, 7).mapToObj(i -> "member" + i).toList();
        usernames.forEach(name -> {
            createUser(name);
            add(name, "crowd");
        });

        List<List<String>> pages = collectPages(token -> {
            ListUsersInGroupResponse page = cognito.listUsersInGroup(r -> r.userPoolId(poolId).groupName("crowd").limit(3).nextToken(token));
            return new PageSeen(page.users().stream().map(UserType::username).toList(), page.nextToken());
        });

        assertThat(pages).extracting(List::size).containsExactly(3, 3, 1);
        List<String> seen = pages.stream().flatMap(List::stream).toList();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(usernames);
        assertThat(cognito.listUsersInGroupPaginator(r -> r.userPoolId(poolId).groupName("crowd").limit(3)).users())
                .extracting(UserType::username).as("the same order every time").containsExactlyElementsOf(seen);
    }

    private record PageSeen(List<String> items, String nextToken) {
    }

    private static List<List<String>> collectPages(Function<String, PageSeen> fetch) {
        List<List<String>> pages = new ArrayList<>();
        String token = null;
        do {
            PageSeen page = fetch.apply(token);
            pages.add(page.items());
            token = page.nextToken();
        } while (token != null && pages.size() < 10);
        return pages;
    }

    @Test
    void deletingAGroupTakesItsMembersOutOfIt() {
        createGroup("doomed");
        createGroup("kept");
        createUser("leo");
        add("leo", "doomed");
        add("leo", "kept");

        cognito.deleteGroup(r -> r.userPoolId(poolId).groupName("doomed"));

        assertThat(groupsOf("leo")).containsExactly("kept");
        createGroup("doomed");
        assertThat(membersOf("doomed")).as("a new group of the same name starts empty").isEmpty();
    }

    @Test
    void deletingAUserTakesItOutOfItsGroups() {
        createGroup("team");
        String sub = sub(createUser("mia"));
        createUser("ned");
        add("mia", "team");
        add("ned", "team");

        cognito.adminDeleteUser(r -> r.userPoolId(poolId).username("mia"));

        assertThat(membersOf("team")).containsExactly("ned");
        assertThat(memberships(sub)).isZero();
        createUser("mia");
        assertThat(groupsOf("mia")).as("a new user of the same name is in no group").isEmpty();
    }

    @Test
    void concurrentAddsOfOneMembershipAllSucceedAndMakeOneRowAndOneEvent() throws Exception {
        createGroup("contested");
        String sub = sub(createUser("olga"));

        long succeeded = raceHeldAtTheMembershipTable(6, racer -> i -> {
            racer.adminAddUserToGroup(r -> r.userPoolId(poolId).username("olga").groupName("contested"));
            return true;
        });

        assertThat(succeeded).as("idempotent: no caller sees an error").isEqualTo(6);
        assertThat(memberships(sub)).isEqualTo(1);
        assertThat(membershipEvents("member")).extracting(OutboxRows.Row::subjectOfData).containsExactly("true");
    }

    @Test
    void allowsCognitosHundredGroupsPerUserAndNotOneMoreEvenConcurrently() throws Exception {
        assertThat(quotas.groupsPerUser()).isEqualTo(100);
        List<String> groups = IntStream.range(0, 104).mapToObj(i -> String.format("q%03d", i)).toList();
        groups.forEach(this::createGroup);
        createUser("pia");
        createUser("quinn");
        groups.subList(0, 97).forEach(group -> add("pia", group));

        long added = raceHeldAtTheMembershipTable(6, racer -> i -> {
            try {
                racer.adminAddUserToGroup(r -> r.userPoolId(poolId).username("pia").groupName(groups.get(97 + i)));
                return true;
            } catch (LimitExceededException e) {
                return false;
            }
        });

        assertThat(added).as("three places were left").isEqualTo(3);
        assertThat(cognito.adminListGroupsForUserPaginator(r -> r.userPoolId(poolId).username("pia")).groups()).hasSize(100);
        assertThatThrownBy(() -> add("pia", "q103"))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("The user has reached its limit of 100 groups.");
        add("pia", "q000");
        add("quinn", "q103");

        cognito.adminRemoveUserFromGroup(r -> r.userPoolId(poolId).username("pia").groupName("q000"));
        add("pia", "q103");
        Map<Boolean, Long> events = membershipEvents("member").stream()
                .collect(Collectors.partitioningBy(row -> row.subjectOfData().equals("true"), Collectors.counting()));
        assertThat(events).containsEntry(true, 97L + 3 + 1 + 1).containsEntry(false, 1L);
    }

    /**
     * Runs {@code n} calls at once without depending on timing: the test holds {@code user_group_memberships}
     * locked until all {@code n} calls wait on a lock, then lets them go together. Calls that lock the user's
     * row first queue behind each other; calls that did not would all read the table at the same moment.
     */
    private long raceHeldAtTheMembershipTable(int n, Function<CognitoIdentityProviderClient, IntPredicate> call) throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        SqlConnection barrier = db.getConnection().await().indefinitely();
        try (CognitoIdentityProviderClient racer = Race.clientWithoutRetries(endpoint)) {
            Transaction held = barrier.begin().await().indefinitely();
            barrier.query("LOCK TABLE user_group_memberships IN ACCESS EXCLUSIVE MODE").execute().await().indefinitely();
            Future<Long> race = background.submit(() -> Race.run(n, call.apply(racer)));
            await().alias("all " + n + " calls reach the barrier").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> waitingOnALock() >= n);
            held.rollback().await().indefinitely();
            return race.get(30, TimeUnit.SECONDS);
        } finally {
            barrier.close().await().indefinitely();
            background.shutdownNow();
        }
    }

    private long waitingOnALock() {
        return db.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                        + " AND (query LIKE '%user_group_memberships%' OR query LIKE '%FROM users%')")
                .execute().await().indefinitely().iterator().next().getLong(0);
    }

    private long memberships(String sub) {
        return db.preparedQuery("SELECT count(*) FROM user_group_memberships WHERE user_pool_id = $1 AND sub = $2::uuid")
                .execute(Tuple.of(poolId, sub)).await().indefinitely().iterator().next().getLong(0);
    }
}
