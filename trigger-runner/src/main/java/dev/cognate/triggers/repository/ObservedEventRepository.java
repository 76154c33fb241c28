package dev.cognate.triggers.repository;

import dev.cognate.triggers.domain.ObservedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Queries of the {@code observed_user_pool_events} table; callers pass the connection so writes join their transaction. */
@ApplicationScoped
public class ObservedEventRepository {

    public Uni<Void> insert(SqlClient sql, ObservedEvent event) {
        return sql.preparedQuery("INSERT INTO observed_user_pool_events (event_id, type, user_pool_id) VALUES ($1, $2, $3)")
                .execute(Tuple.of(event.eventId(), event.type(), event.userPoolId()))
                .replaceWithVoid();
    }
}
