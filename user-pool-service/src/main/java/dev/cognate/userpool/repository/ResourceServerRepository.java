package dev.cognate.userpool.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.userpool.domain.ResourceServer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Queries of the {@code resource_servers} table. */
@ApplicationScoped
public class ResourceServerRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "user_pool_id, identifier, name, scopes";

    /** Inserts unless the identifier exists in the pool; {@code false} when it does. */
    public Uni<Boolean> insert(SqlClient sql, ResourceServer server) {
        return sql.preparedQuery("INSERT INTO resource_servers (" + COLUMNS + ") VALUES ($1, $2, $3, $4)"
                        + " ON CONFLICT (user_pool_id, identifier) DO NOTHING")
                .execute(Tuple.of(server.userPoolId(), server.identifier(), server.name(), scopes(server)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> update(SqlClient sql, ResourceServer server) {
        return sql.preparedQuery("UPDATE resource_servers SET name = $3, scopes = $4 WHERE user_pool_id = $1 AND identifier = $2")
                .execute(Tuple.of(server.userPoolId(), server.identifier(), server.name(), scopes(server)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> delete(SqlClient sql, String userPoolId, String identifier) {
        return sql.preparedQuery("DELETE FROM resource_servers WHERE user_pool_id = $1 AND identifier = $2")
                .execute(Tuple.of(userPoolId, identifier))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<ResourceServer>> find(SqlClient sql, String userPoolId, String identifier) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM resource_servers WHERE user_pool_id = $1 AND identifier = $2")
                .execute(Tuple.of(userPoolId, identifier))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toServer(rows.iterator().next())));
    }

    /** Every resource server of the pool with one of these identifiers. */
    public Uni<List<ResourceServer>> findAll(SqlClient sql, String userPoolId, List<String> identifiers) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM resource_servers WHERE user_pool_id = $1 AND identifier = ANY($2)")
                .execute(Tuple.of(userPoolId, identifiers.toArray(String[]::new)))
                .map(ResourceServerRepository::toList);
    }

    /** One page in identifier order after {@code afterIdentifier}; ask for one extra row to tell if more follow. */
    public Uni<List<ResourceServer>> page(SqlClient sql, String userPoolId, String afterIdentifier, int limit) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM resource_servers WHERE user_pool_id = $1"
                        + " AND ($2::text IS NULL OR identifier > $2) ORDER BY identifier LIMIT $3")
                .execute(Tuple.of(userPoolId, afterIdentifier, limit))
                .map(ResourceServerRepository::toList);
    }

    private static List<ResourceServer> toList(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<ResourceServer> servers = new ArrayList<>();
        rows.forEach(row -> servers.add(toServer(row)));
        return servers;
    }

    private static ResourceServer toServer(Row row) {
        List<ResourceServer.Scope> scopes = JSON.convertValue(row.getJsonArray("scopes").getList(), new TypeReference<>() { });
        return new ResourceServer(row.getString("user_pool_id"), row.getString("identifier"), row.getString("name"), scopes);
    }

    @SuppressWarnings("unchecked")
    private static JsonArray scopes(ResourceServer server) {
        return new JsonArray(JSON.convertValue(server.scopes(), List.class));
    }
}
