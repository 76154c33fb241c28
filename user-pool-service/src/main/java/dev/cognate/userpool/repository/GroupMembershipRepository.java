package dev.cognate.userpool.repository;

import io.smallrye.mutiny.Uni;
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

/** Queries of {@code user_group_memberships}; callers pass the connection so writes join their transaction. */
@ApplicationScoped
public class GroupMembershipRepository {

    /** Makes the user a member of each group (the groups exist in the pool). */
    public Uni<Void> insert(SqlClient sql, String poolId, UUID sub, List<String> groupNames, Instant addedAt) {
        if (groupNames.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.preparedQuery("INSERT INTO user_group_memberships (user_pool_id, group_name, sub, added_at)"
                        + " SELECT $1, group_name, $2, $3 FROM unnest($4::text[]) AS t(group_name) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(poolId, sub, addedAt.atOffset(ZoneOffset.UTC), groupNames.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** The groups of each of these users, by name; users in no group are absent. */
    public Uni<Map<UUID, List<String>>> groupsOf(SqlClient sql, String poolId, List<UUID> subs) {
        return sql.preparedQuery("SELECT sub, group_name FROM user_group_memberships WHERE user_pool_id = $1 AND sub = ANY($2)"
                        + " ORDER BY sub, group_name")
                .execute(Tuple.of(poolId, subs.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<String>> groups = new HashMap<>();
                    rows.forEach(row -> groups.computeIfAbsent(row.getUUID("sub"), sub -> new ArrayList<>()).add(row.getString("group_name")));
                    return groups;
                });
    }
}
