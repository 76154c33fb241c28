package dev.cognate.userpool.repository;

import dev.cognate.userpool.domain.Group;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Queries of the {@code user_pool_groups} table; callers pass the connection so writes join their transaction. */
@ApplicationScoped
public class GroupRepository {

    private static final String COLUMNS = "user_pool_id, name, description, role_arn, precedence, created_at, last_modified_at";
    /** The columns {@link #toGroup} reads, qualified with the alias {@code g} for joins. */
    static final String G_COLUMNS = "g." + COLUMNS.replace(", ", ", g.");

    public Uni<Void> insert(SqlClient sql, Group group) {
        return sql.preparedQuery("INSERT INTO user_pool_groups (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[] {group.userPoolId(), group.groupName(), group.description(), group.roleArn(),
                        group.precedence(), group.creationDate().atOffset(ZoneOffset.UTC), group.lastModifiedDate().atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    public Uni<Void> update(SqlClient sql, Group group) {
        return sql.preparedQuery("UPDATE user_pool_groups SET description = $3, role_arn = $4, precedence = $5, last_modified_at = $6"
                        + " WHERE user_pool_id = $1 AND name = $2")
                .execute(Tuple.from(new Object[] {group.userPoolId(), group.groupName(), group.description(), group.roleArn(),
                        group.precedence(), group.lastModifiedDate().atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    public Uni<Optional<Group>> find(SqlClient sql, String poolId, String name) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM user_pool_groups WHERE user_pool_id = $1 AND name = $2")
                .execute(Tuple.of(poolId, name))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toGroup(rows.iterator().next())));
    }

    /**
     * The group, locked against deletion ({@code FOR KEY SHARE}) until the transaction ends, so a row that
     * references it can be inserted without racing DeleteGroup.
     */
    public Uni<Optional<Group>> findForKeyShare(SqlClient sql, String poolId, String name) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM user_pool_groups WHERE user_pool_id = $1 AND name = $2 FOR KEY SHARE")
                .execute(Tuple.of(poolId, name))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toGroup(rows.iterator().next())));
    }

    /** {@code true} when a group was deleted. */
    public Uni<Boolean> delete(SqlClient sql, String poolId, String name) {
        return sql.preparedQuery("DELETE FROM user_pool_groups WHERE user_pool_id = $1 AND name = $2")
                .execute(Tuple.of(poolId, name)).map(result -> result.rowCount() > 0);
    }

    public Uni<Long> count(SqlClient sql, String poolId) {
        return sql.preparedQuery("SELECT count(*) FROM user_pool_groups WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** One page of a pool's groups in name order, after {@code afterName} (exclusive) when given. */
    public Uni<List<Group>> page(SqlClient sql, String poolId, String afterName, int limit) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM user_pool_groups WHERE user_pool_id = $1 AND ($2::text IS NULL OR name > $2)"
                        + " ORDER BY name LIMIT $3")
                .execute(Tuple.of(poolId, afterName, limit))
                .map(rows -> {
                    List<Group> groups = new ArrayList<>();
                    rows.forEach(row -> groups.add(toGroup(row)));
                    return groups;
                });
    }

    static Group toGroup(Row row) {
        return new Group(row.getString("user_pool_id"), row.getString("name"), row.getString("description"),
                row.getString("role_arn"), row.getInteger("precedence"),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("last_modified_at").toInstant());
    }
}
