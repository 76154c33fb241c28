package dev.cognate.userpool.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code mfa_config} column of {@code user_pools}: the MFA and passkey configuration that
 * DescribeUserPool does not show, in wire form. Kept apart from {@code settings} so that UpdateUserPool,
 * which rebuilds the settings, leaves it alone, as Cognito does.
 */
@ApplicationScoped
public class UserPoolMfaRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Uni<Optional<ObjectNode>> find(SqlClient sql, String poolId) {
        return sql.preparedQuery("SELECT mfa_config FROM user_pools WHERE id = $1").execute(Tuple.of(poolId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(JSON.convertValue(rows.iterator().next().getJsonObject(0).getMap(), ObjectNode.class)));
    }

    @SuppressWarnings("unchecked")
    public Uni<Void> save(SqlClient sql, String poolId, ObjectNode mfaConfig) {
        return sql.preparedQuery("UPDATE user_pools SET mfa_config = $2 WHERE id = $1")
                .execute(Tuple.of(poolId, new JsonObject(JSON.convertValue(mfaConfig, Map.class))))
                .replaceWithVoid();
    }
}
