package dev.cognate.identitypool.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.awsprotocol.AwsJson;
import dev.cognate.identitypool.domain.IdentityPoolRoles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.Map;

/** The {@code identity_pool_roles} row of a pool, in Cognito's wire form; a pool without a row has no roles. */
@ApplicationScoped
public class IdentityPoolRolesRepository {

    private static final ObjectMapper JSON = AwsJson.MAPPER;

    public Uni<Void> upsert(SqlClient sql, String poolId, IdentityPoolRoles roles) {
        return sql.preparedQuery("INSERT INTO identity_pool_roles (identity_pool_id, roles, role_mappings) VALUES ($1, $2, $3)"
                        + " ON CONFLICT (identity_pool_id) DO UPDATE SET roles = excluded.roles, role_mappings = excluded.role_mappings")
                .execute(Tuple.of(poolId, jsonb(roles.roles()), jsonb(roles.roleMappings())))
                .replaceWithVoid();
    }

    public Uni<IdentityPoolRoles> find(SqlClient sql, String poolId) {
        return sql.preparedQuery("SELECT roles, role_mappings FROM identity_pool_roles WHERE identity_pool_id = $1")
                .execute(Tuple.of(poolId))
                .map(rows -> rows.size() == 0 ? IdentityPoolRoles.NONE : toRoles(rows.iterator().next()));
    }

    private static IdentityPoolRoles toRoles(Row row) {
        try {
            Map<String, String> roles = JSON.readValue(row.getJsonObject("roles").encode(), new TypeReference<>() { });
            Map<String, IdentityPoolRoles.RoleMapping> mappings =
                    JSON.readValue(row.getJsonObject("role_mappings").encode(), new TypeReference<>() { });
            return new IdentityPoolRoles(roles, mappings);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("identity pool roles have unreadable stored JSON", e);
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
