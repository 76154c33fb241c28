package dev.cognate.identitypool.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.cognate.awsprotocol.AwsJson;
import dev.cognate.identitypool.domain.PrincipalTagAttributeMap;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Queries of {@code principal_tag_attribute_maps}: one row per identity pool and provider that has a map. */
@ApplicationScoped
public class PrincipalTagAttributeMapRepository {

    public Uni<Void> upsert(SqlClient sql, PrincipalTagAttributeMap map) {
        return sql.preparedQuery("INSERT INTO principal_tag_attribute_maps (identity_pool_id, identity_provider_name, use_defaults,"
                        + " principal_tags) VALUES ($1, $2, $3, $4) ON CONFLICT (identity_pool_id, identity_provider_name)"
                        + " DO UPDATE SET use_defaults = excluded.use_defaults, principal_tags = excluded.principal_tags")
                .execute(Tuple.of(map.identityPoolId(), map.identityProviderName(), map.useDefaults(), jsonb(map.principalTags())))
                .replaceWithVoid();
    }

    public Uni<Optional<PrincipalTagAttributeMap>> find(SqlClient sql, String poolId, String providerName) {
        return sql.preparedQuery("SELECT identity_pool_id, identity_provider_name, use_defaults, principal_tags"
                        + " FROM principal_tag_attribute_maps WHERE identity_pool_id = $1 AND identity_provider_name = $2")
                .execute(Tuple.of(poolId, providerName))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toMap(rows.iterator().next())));
    }

    private static PrincipalTagAttributeMap toMap(Row row) {
        try {
            Map<String, String> tags = AwsJson.MAPPER.readValue(row.getJsonObject("principal_tags").encode(), new TypeReference<>() { });
            return new PrincipalTagAttributeMap(row.getString("identity_pool_id"), row.getString("identity_provider_name"),
                    row.getBoolean("use_defaults"), tags);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("principal tag attribute map has unreadable stored JSON", e);
        }
    }

    private static JsonObject jsonb(Map<String, String> tags) {
        return new JsonObject(new HashMap<String, Object>(tags));
    }
}
