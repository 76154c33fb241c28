package dev.cognate.userpool.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.domain.UserPool;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Queries of the {@code user_pools} table; callers pass the connection so writes join their transaction. */
@ApplicationScoped
public class UserPoolRepository {

    /** Told of every write that changes what an access token's check reads (GetUser, userInfo). */
    @Inject
    AccessTokenStandings standings;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, name, settings, tags, created_at, last_modified_at";

    public Uni<Void> insert(SqlClient sql, UserPool pool) {
        return sql.preparedQuery("INSERT INTO user_pools (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(pool.id(), pool.name(), jsonb(pool.settings()), jsonb(pool.tags()),
                        pool.creationDate().atOffset(ZoneOffset.UTC), pool.lastModifiedDate().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Void> update(SqlClient sql, UserPool pool) {
        return sql.preparedQuery("UPDATE user_pools SET name = $2, settings = $3, tags = $4, last_modified_at = $5 WHERE id = $1")
                .execute(Tuple.of(pool.id(), pool.name(), jsonb(pool.settings()), jsonb(pool.tags()),
                        pool.lastModifiedDate().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Optional<UserPool>> find(SqlClient sql, String id) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM user_pools WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toPool(rows.iterator().next())));
    }

    /** Locks the row for the rest of the transaction, so concurrent updates of one pool apply one after the other. */
    public Uni<Optional<UserPool>> findForUpdate(SqlClient sql, String id) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM user_pools WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toPool(rows.iterator().next())));
    }

    /** The pool, or a failure with {@link UserPool#notFound}. */
    public Uni<UserPool> require(SqlClient sql, String id) {
        return find(sql, id).map(found -> found.orElseThrow(() -> UserPool.notFound(id)));
    }

    /** The pool, locked for the rest of the transaction, or a failure with {@link UserPool#notFound}. */
    public Uni<UserPool> requireForUpdate(SqlClient sql, String id) {
        return findForUpdate(sql, id).map(found -> found.orElseThrow(() -> UserPool.notFound(id)));
    }

    public Uni<Void> delete(SqlClient sql, String id) {
        return sql.preparedQuery("DELETE FROM user_pools WHERE id = $1").execute(Tuple.of(id))
                .invoke(() -> standings.poolChanged(sql))
                .replaceWithVoid();
    }

    /** One page in id order, starting after {@code afterId} (exclusive) when given; asks for one extra row to tell if more follow. */
    public Uni<List<UserPool>> page(SqlClient sql, String afterId, int limit) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM user_pools WHERE ($1::text IS NULL OR id > $1) ORDER BY id LIMIT $2")
                .execute(Tuple.of(afterId, limit))
                .map(rows -> {
                    List<UserPool> pools = new ArrayList<>();
                    rows.forEach(row -> pools.add(toPool(row)));
                    return pools;
                });
    }

    private static UserPool toPool(Row row) {
        ObjectNode settings = JSON.convertValue(row.getJsonObject("settings").getMap(), ObjectNode.class);
        Map<String, String> tags = JSON.convertValue(row.getJsonObject("tags").getMap(), new TypeReference<>() { });
        return new UserPool(row.getString("id"), row.getString("name"), settings, tags,
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("last_modified_at").toInstant());
    }

    @SuppressWarnings("unchecked")
    private static JsonObject jsonb(Object value) {
        return new JsonObject(JSON.convertValue(value, Map.class));
    }
}
