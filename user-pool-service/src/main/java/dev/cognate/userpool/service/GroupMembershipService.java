package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Page;
import dev.cognate.awsprotocol.PaginationToken;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.config.QuotaConfig;
import dev.cognate.userpool.domain.Group;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.repository.GroupMembershipRepository;
import dev.cognate.userpool.repository.GroupRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Who is in which group of a pool. A change locks the user's row, so concurrent additions cannot pass
 * the per-user quota, and commits with its {@code group.membership.changed} event (the outbox); a call
 * that changes nothing (adding a member, removing a non-member) publishes nothing. The user is named as
 * every admin action names it: username, alias or {@code sub}.
 */
@ApplicationScoped
public class GroupMembershipService {

    private final Pool db;
    private final UserPoolRepository pools;
    private final GroupRepository groups;
    private final GroupMembershipRepository memberships;
    private final UserStore users;
    private final int groupsPerUser;
    private final Clock clock;

    public GroupMembershipService(Pool db, UserPoolRepository pools, GroupRepository groups, GroupMembershipRepository memberships,
                                  UserStore users, QuotaConfig quotas, Clock clock) {
        this.db = db;
        this.pools = pools;
        this.groups = groups;
        this.memberships = memberships;
        this.users = users;
        this.groupsPerUser = quotas.groupsPerUser();
        this.clock = clock;
    }

    /** AdminAddUserToGroup: idempotent; the group stays locked against DeleteGroup until the membership commits. */
    public Uni<Void> addUserToGroup(String poolId, String username, String groupName) {
        return db.withTransaction(tx -> pools.require(tx, poolId)
                .call(pool -> groups.findForKeyShare(tx, poolId, groupName).map(found -> found.orElseThrow(GroupService::groupNotFound)))
                .chain(pool -> users.require(tx, pool, username, true))
                .chain(user -> memberships.isMember(tx, poolId, groupName, user.sub())
                        .chain(member -> member ? Uni.createFrom().voidItem() : add(tx, user, groupName))));
    }

    /** AdminRemoveUserFromGroup: removing a user who is not in the group changes nothing. */
    public Uni<Void> removeUserFromGroup(String poolId, String username, String groupName) {
        return db.withTransaction(tx -> pools.require(tx, poolId)
                .call(pool -> groups.find(tx, poolId, groupName).map(found -> found.orElseThrow(GroupService::groupNotFound)))
                .chain(pool -> users.require(tx, pool, username, true))
                .call(user -> memberships.remove(tx, poolId, groupName, user.sub())
                        .chain(removed -> removed ? publish(tx, user, groupName, false) : Uni.createFrom().voidItem()))
                .replaceWithVoid());
    }

    /** AdminListGroupsForUser: one page of the user's groups in name order. */
    public Uni<Page<Group>> listGroupsForUser(String poolId, String username, String nextToken, int limit) {
        String after = PaginationToken.decode(nextToken);
        return pools.require(db, poolId)
                .chain(pool -> users.require(db, pool, username, false))
                .chain(user -> memberships.groupsOf(db, poolId, user.sub(), after, limit + 1))
                .map(fetched -> Page.of(fetched, limit, Group::groupName));
    }

    /** ListUsersInGroup: one page of the group's members in {@code sub} order. */
    public Uni<Page<User>> listUsersInGroup(String poolId, String groupName, String nextToken, int limit) {
        UUID after = afterSub(PaginationToken.decode(nextToken));
        return pools.require(db, poolId)
                .chain(pool -> groups.find(db, poolId, groupName))
                .map(found -> found.orElseThrow(GroupService::groupNotFound))
                .chain(group -> memberships.membersOf(db, poolId, groupName, after, limit + 1))
                .map(fetched -> Page.of(fetched, limit, user -> user.sub().toString()));
    }

    /** Adds a user who is not in the group, within the quota; the user's row is locked, so the count holds until commit. */
    private Uni<Void> add(SqlClient tx, User user, String groupName) {
        return memberships.countForUser(tx, user.userPoolId(), user.sub())
                .invoke(count -> checkQuota(count, groupsPerUser))
                .chain(() -> memberships.add(tx, user.userPoolId(), groupName, user.sub(), clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .chain(added -> added ? publish(tx, user, groupName, true) : Uni.createFrom().voidItem());
    }

    /** Refuses one more group for a user already in {@code quota} groups. */
    static void checkQuota(long existing, int quota) {
        if (existing >= quota) {
            throw new CognitoException("LimitExceededException", "The user has reached its limit of " + quota + " groups.");
        }
    }

    private static Uni<Void> publish(SqlClient tx, User user, String groupName, boolean member) {
        return UserPoolEventOutbox.publishForUser(tx, user.userPoolId(), user.sub(), UserPoolEvents.GROUP_MEMBERSHIP_CHANGED,
                new UserPoolEvents.GroupMembershipChanged(user.userPoolId(), groupName, user.sub().toString(), user.username(), member));
    }

    private static UUID afterSub(String key) {
        if (key == null) {
            return null;
        }
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw CognitoException.invalidParameter("Invalid pagination token.");
        }
    }
}
