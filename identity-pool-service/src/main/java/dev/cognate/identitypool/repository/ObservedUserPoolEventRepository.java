package dev.cognate.identitypool.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;

/** Queries of the {@code observed_user_pool_events} table: the user pool events this service has applied. */
@ApplicationScoped
public class ObservedUserPoolEventRepository {

    public Uni<Void> insert(SqlClient sql, String eventId, String type, String userPoolId, Instant receivedAt) {
        return sql.preparedQuery("INSERT INTO observed_user_pool_events (event_id, type, user_pool_id, received_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(eventId, type, userPoolId, receivedAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
