package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.EventType;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.config.QuotaConfig;
import dev.cognate.userpool.domain.Group;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.repository.GroupRepository;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * User pool groups. Each change and its event commit in one transaction (the outbox). Creating a
 * group locks its pool's row, so the per-pool quota and name uniqueness hold under concurrent calls.
 */
@ApplicationScoped
public class GroupService {

    private final Pool db;
    private final UserPoolRepository pools;
    private final GroupRepository groups;
    private final int groupsPerPool;
    private final Clock clock;

    public GroupService(Pool db, UserPoolRepository pools, GroupRepository groups,
                        QuotaConfig quotas, Clock clock) {
        this.db = db;
        this.pools = pools;
        this.groups = groups;
        this.groupsPerPool = quotas.groupsPerPool();
        this.clock = clock;
    }

    public Uni<Group> createGroup(String poolId, String name, String description, String roleArn, Integer precedence) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Group group = new Group(poolId, name, description, roleArn, precedence, now, now);
        return db.withTransaction(tx -> pools.requireForUpdate(tx, poolId)
                .chain(pool -> groups.find(tx, poolId, name))
                .invoke(existing -> {
                    if (existing.isPresent()) {
                        throw new CognitoException("GroupExistsException", "A group with the name " + name + " already exists.");
                    }
                })
                .chain(() -> groups.count(tx, poolId))
                .invoke(count -> checkQuota(count, groupsPerPool))
                .chain(() -> groups.insert(tx, group))
                .chain(() -> publish(tx, UserPoolEvents.GROUP_CREATED, group))
                .replaceWith(group));
    }

    public Uni<Group> getGroup(String poolId, String name) {
        return pools.require(db, poolId)
                .chain(pool -> groups.find(db, poolId, name))
                .map(found -> found.orElseThrow(GroupService::groupNotFound));
    }

    public Uni<Group> updateGroup(String poolId, String name, String description, String roleArn, Integer precedence) {
        return db.withTransaction(tx -> pools.require(tx, poolId)
                .chain(pool -> groups.find(tx, poolId, name))
                .map(found -> found.orElseThrow(GroupService::groupNotFound)
                        .updatedWith(description, roleArn, precedence, clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .call(group -> groups.update(tx, group))
                .call(group -> publish(tx, UserPoolEvents.GROUP_UPDATED, group)));
    }

    public Uni<Void> deleteGroup(String poolId, String name) {
        return db.withTransaction(tx -> pools.require(tx, poolId)
                .chain(pool -> groups.delete(tx, poolId, name))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw groupNotFound();
                    }
                })
                .chain(() -> UserPoolEventOutbox.publish(tx, poolId, UserPoolEvents.GROUP_DELETED, new UserPoolEvents.GroupChanged(poolId, name))));
    }

    /** A page of the pool's groups in name order after {@code afterName}, with one extra row when more follow. */
    public Uni<List<Group>> listGroups(String poolId, String afterName, int limit) {
        return pools.require(db, poolId)
                .chain(pool -> groups.page(db, poolId, afterName, limit + 1));
    }

    /** Refuses a new group when the pool already holds {@code quota} groups. */
    static void checkQuota(long existing, int quota) {
        if (existing >= quota) {
            throw new CognitoException("LimitExceededException",
                    "The user pool has reached its limit of " + quota + " groups.");
        }
    }

    static CognitoException groupNotFound() {
        return CognitoException.resourceNotFound("Group not found.");
    }

    private static Uni<Void> publish(SqlClient tx, EventType<UserPoolEvents.GroupChanged> type, Group group) {
        return UserPoolEventOutbox.publish(tx, group.userPoolId(), type, new UserPoolEvents.GroupChanged(group.userPoolId(), group.groupName()));
    }
}
