package dev.cognate.userpool.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Queries of {@code pending_user_attributes}: a new email or phone number waiting for its verification code. */
@ApplicationScoped
public class PendingAttributeRepository {

    public Uni<Void> put(SqlClient sql, String poolId, UUID sub, String attributeName, String value, Instant now) {
        return sql.preparedQuery("INSERT INTO pending_user_attributes (user_pool_id, sub, attribute_name, value, requested_at)"
                        + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_pool_id, sub, attribute_name)"
                        + " DO UPDATE SET value = EXCLUDED.value, requested_at = EXCLUDED.requested_at")
                .execute(Tuple.of(poolId, sub, attributeName, value, now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Optional<String>> find(SqlClient sql, String poolId, UUID sub, String attributeName) {
        return sql.preparedQuery("SELECT value FROM pending_user_attributes WHERE user_pool_id = $1 AND sub = $2 AND attribute_name = $3")
                .execute(Tuple.of(poolId, sub, attributeName))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
    }

    public Uni<Void> delete(SqlClient sql, String poolId, UUID sub, String attributeName) {
        return sql.preparedQuery("DELETE FROM pending_user_attributes WHERE user_pool_id = $1 AND sub = $2 AND attribute_name = $3")
                .execute(Tuple.of(poolId, sub, attributeName)).replaceWithVoid();
    }
}
