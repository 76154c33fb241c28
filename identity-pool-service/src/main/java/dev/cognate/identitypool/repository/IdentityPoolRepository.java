package dev.cognate.identitypool.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.awsprotocol.AwsJson;
import dev.cognate.identitypool.domain.IdentityPool;
import dev.cognate.identitypool.domain.IdentityPoolConfiguration;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queries of the {@code identity_pools} table; callers pass the connection so writes join their
 * transaction. The configuration is stored in its Cognito wire form ({@link AwsJson#MAPPER}).
 */
@ApplicationScoped
public class IdentityPoolRepository {

    private static final ObjectMapper JSON = AwsJson.MAPPER;
    private static final String COLUMNS = "id, name, configuration, tags, created_at, last_modified_at";

    public Uni<Void> insert(SqlClient sql, IdentityPool pool) {
        return sql.preparedQuery("INSERT INTO identity_pools (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(pool.id(), pool.name(), jsonb(pool.configuration()), jsonb(pool.tags()),
                        pool.creationDate().atOffset(ZoneOffset.UTC), pool.lastModifiedDate().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Void> update(SqlClient sql, IdentityPool pool) {
        return sql.preparedQuery("UPDATE identity_pools SET name = $2, configuration = $3, tags = $4, last_modified_at = $5 WHERE id = $1")
                .execute(Tuple.of(pool.id(), pool.name(), jsonb(pool.configuration()), jsonb(pool.tags()),
                        pool.lastModifiedDate().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Optional<IdentityPool>> find(SqlClient sql, String id) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM identity_pools WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toPool(rows.iterator().next())));
    }

    /** Locks the row for the rest of the transaction, so concurrent changes of one pool apply one after the other. */
    public Uni<Optional<IdentityPool>> findForUpdate(SqlClient sql, String id) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM identity_pools WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toPool(rows.iterator().next())));
    }

    public Uni<Void> delete(SqlClient sql, String id) {
        return sql.preparedQuery("DELETE FROM identity_pools WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** One page in id order, starting after {@code afterId} (exclusive) when given. */
    public Uni<List<IdentityPool>> page(SqlClient sql, String afterId, int limit) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM identity_pools WHERE ($1::text IS NULL OR id > $1) ORDER BY id LIMIT $2")
                .execute(Tuple.of(afterId, limit))
                .map(rows -> {
                    List<IdentityPool> pools = new ArrayList<>();
                    rows.forEach(row -> pools.add(toPool(row)));
                    return pools;
                });
    }

    private static IdentityPool toPool(Row row) {
        try {
            IdentityPoolConfiguration configuration =
                    JSON.readValue(row.getJsonObject("configuration").encode(), IdentityPoolConfiguration.class);
            Map<String, String> tags = JSON.readValue(row.getJsonObject("tags").encode(), new TypeReference<>() { });
            return new IdentityPool(row.getString("id"), row.getString("name"), configuration, tags,
                    row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("last_modified_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("identity pool " + row.getString("id") + " has unreadable stored JSON", e);
        }
    }

    private static JsonObject jsonb(Object value) {
        try {
            return new JsonObject(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
