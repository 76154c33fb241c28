package dev.cognate.userpool.repository;

import dev.cognate.userpool.domain.Group;
import dev.cognate.userpool.domain.User;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Queries of {@code user_group_memberships}: which users (by {@code sub}) are in which groups of a
 * pool. Rows go with their user and their group (the foreign keys cascade). Callers pass the
 * connection so writes join their transaction.
 */
@ApplicationScoped
public class GroupMembershipRepository {

    /** {@code true} when the user was not yet in the group and now is; a row already there (even a concurrent one) is kept. */
    public Uni<Boolean> add(SqlClient sql, String poolId, String groupName, UUID sub, Instant addedAt) {
        return sql.preparedQuery("INSERT INTO user_group_memberships (user_pool_id, group_name, sub, added_at) VALUES ($1, $2, $3, $4)"
                        + " ON CONFLICT DO NOTHING")
                .execute(Tuple.of(poolId, groupName, sub, addedAt.atOffset(ZoneOffset.UTC)))
                .map(result -> result.rowCount() > 0);
    }

    /** {@code true} when the user was in the group and no longer is. */
    public Uni<Boolean> remove(SqlClient sql, String poolId, String groupName, UUID sub) {
        return sql.preparedQuery("DELETE FROM user_group_memberships WHERE user_pool_id = $1 AND group_name = $2 AND sub = $3")
                .execute(Tuple.of(poolId, groupName, sub))
                .map(result -> result.rowCount() > 0);
    }

    public Uni<Boolean> isMember(SqlClient sql, String poolId, String groupName, UUID sub) {
        return sql.preparedQuery("SELECT 1 FROM user_group_memberships WHERE user_pool_id = $1 AND group_name = $2 AND sub = $3")
                .execute(Tuple.of(poolId, groupName, sub))
                .map(rows -> rows.size() > 0);
    }

    /** How many groups the user is in. */
    public Uni<Long> countForUser(SqlClient sql, String poolId, UUID sub) {
        return sql.preparedQuery("SELECT count(*) FROM user_group_memberships WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, sub))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** A page of the user's groups in name order, after {@code afterName} (exclusive) when given. */
    public Uni<List<Group>> groupsOf(SqlClient sql, String poolId, UUID sub, String afterName, int limit) {
        return sql.preparedQuery("SELECT " + GroupRepository.G_COLUMNS + " FROM user_group_memberships m"
                        + " JOIN user_pool_groups g ON g.user_pool_id = m.user_pool_id AND g.name = m.group_name"
                        + " WHERE m.user_pool_id = $1 AND m.sub = $2 AND ($3::text IS NULL OR m.group_name > $3)"
                        + " ORDER BY m.group_name LIMIT $4")
                .execute(Tuple.of(poolId, sub, afterName, limit))
                .map(rows -> {
                    List<Group> groups = new ArrayList<>();
                    rows.forEach(row -> groups.add(GroupRepository.toGroup(row)));
                    return groups;
                });
    }

    /**
     * A page of the group's members in {@code sub} order (the primary key's), after {@code afterSub}
     * (exclusive) when given, so a page costs the same in a group of any size.
     */
    public Uni<List<User>> membersOf(SqlClient sql, String poolId, String groupName, UUID afterSub, int limit) {
        String from = "SELECT " + UserRepository.U_COLUMNS + " FROM user_group_memberships m"
                + " JOIN users u ON u.user_pool_id = m.user_pool_id AND u.sub = m.sub"
                + " WHERE m.user_pool_id = $1 AND m.group_name = $2";
        // Two statements rather than "$3 IS NULL OR ...", which a generic plan cannot use as an index bound.
        Uni<RowSet<Row>> rows = afterSub == null
                ? sql.preparedQuery(from + " ORDER BY m.sub LIMIT $3").execute(Tuple.of(poolId, groupName, limit))
                : sql.preparedQuery(from + " AND m.sub > $3 ORDER BY m.sub LIMIT $4").execute(Tuple.of(poolId, groupName, afterSub, limit));
        return rows.map(found -> {
            List<User> users = new ArrayList<>();
            found.forEach(row -> users.add(UserRepository.toUser(row)));
            return users;
        });
    }

    /** Makes the user a member of each group (the groups exist in the pool); used by ImportUserPool. */
    public Uni<Void> addToGroups(SqlClient sql, String poolId, UUID sub, List<String> groupNames, Instant addedAt) {
        if (groupNames.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.preparedQuery("INSERT INTO user_group_memberships (user_pool_id, group_name, sub, added_at)"
                        + " SELECT $1, group_name, $2, $3 FROM unnest($4::text[]) AS t(group_name) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(poolId, sub, addedAt.atOffset(ZoneOffset.UTC), groupNames.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** The group names of each of these users; users in no group are absent. Used by ExportUserPool. */
    public Uni<Map<UUID, List<String>>> groupNamesOf(SqlClient sql, String poolId, List<UUID> subs) {
        return sql.preparedQuery("SELECT sub, group_name FROM user_group_memberships WHERE user_pool_id = $1 AND sub = ANY($2)"
                        + " ORDER BY sub, group_name")
                .execute(Tuple.of(poolId, subs.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<String>> groups = new HashMap<>();
                    rows.forEach(row -> groups.computeIfAbsent(row.getUUID("sub"), sub -> new ArrayList<>()).add(row.getString("group_name")));
                    return groups;
                });
    }

    /** Every group of the user in token order: precedence (lowest first, groups without one last), then name. */
    public Uni<List<Group>> groupsByPrecedence(SqlClient sql, String poolId, UUID sub) {
        return sql.preparedQuery("SELECT " + GroupRepository.G_COLUMNS + " FROM user_group_memberships m"
                        + " JOIN user_pool_groups g ON g.user_pool_id = m.user_pool_id AND g.name = m.group_name"
                        + " WHERE m.user_pool_id = $1 AND m.sub = $2 ORDER BY g.precedence NULLS LAST, g.name COLLATE \"C\"")
                .execute(Tuple.of(poolId, sub))
                .map(rows -> {
                    List<Group> groups = new ArrayList<>();
                    rows.forEach(row -> groups.add(GroupRepository.toGroup(row)));
                    return groups;
                });
    }
}
