package dev.cognate.triggers.durable;

import dev.cognate.internalapi.EventDeliveries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Queries of {@code event_subscriptions} (V7). */
@ApplicationScoped
public class EventSubscriptionRepository {

    /** Any event type. */
    public static final String ALL_TYPES = "*";

    private static final String COLUMNS = "id, user_pool_id, endpoint, event_types, created_at";

    public Uni<EventDeliveries.Subscription> create(SqlClient sql, String userPoolId, String endpoint, List<String> eventTypes) {
        return sql.preparedQuery("INSERT INTO event_subscriptions (id, user_pool_id, endpoint, event_types) VALUES ($1, $2, $3, $4) RETURNING " + COLUMNS)
                .execute(Tuple.of(UUID.randomUUID().toString(), userPoolId, endpoint, eventTypes.toArray(String[]::new)))
                .map(rows -> subscriptionOf(rows.iterator().next()));
    }

    public Uni<List<EventDeliveries.Subscription>> list(SqlClient sql, String userPoolId) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM event_subscriptions WHERE user_pool_id = $1 ORDER BY created_at, id")
                .execute(Tuple.of(userPoolId)).map(rows -> {
                    List<EventDeliveries.Subscription> subscriptions = new ArrayList<>();
                    rows.forEach(row -> subscriptions.add(subscriptionOf(row)));
                    return subscriptions;
                });
    }

    /** The pool's subscriptions to {@code type} (or to every type). */
    public Uni<List<EventDeliveries.Subscription>> matching(SqlClient sql, String userPoolId, String type) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM event_subscriptions WHERE user_pool_id = $1 AND ($2 = ANY(event_types) OR '*' = ANY(event_types)) ORDER BY id")
                .execute(Tuple.of(userPoolId, type)).map(rows -> {
                    List<EventDeliveries.Subscription> subscriptions = new ArrayList<>();
                    rows.forEach(row -> subscriptions.add(subscriptionOf(row)));
                    return subscriptions;
                });
    }

    /** False when the pool has no such subscription. Deliveries already pending for it still run. */
    public Uni<Boolean> delete(SqlClient sql, String userPoolId, String id) {
        return sql.preparedQuery("DELETE FROM event_subscriptions WHERE id = $1 AND user_pool_id = $2")
                .execute(Tuple.of(id, userPoolId)).map(rows -> rows.rowCount() == 1);
    }

    private static EventDeliveries.Subscription subscriptionOf(Row row) {
        return new EventDeliveries.Subscription(row.getString("id"), row.getString("user_pool_id"), row.getString("endpoint"),
                Arrays.asList(row.getArrayOfStrings("event_types")), row.getOffsetDateTime("created_at").toEpochSecond());
    }
}
