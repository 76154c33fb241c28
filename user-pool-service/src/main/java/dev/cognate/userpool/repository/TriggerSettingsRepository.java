package dev.cognate.userpool.repository;

import dev.cognate.userpool.trigger.TriggerSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Queries of {@code trigger_settings} (V21): one row per pool that has settings of its own. */
@ApplicationScoped
public class TriggerSettingsRepository {

    public Uni<Optional<TriggerSettings>> find(SqlClient sql, String poolId) {
        return sql.preparedQuery("SELECT post_event_triggers, timeout_seconds FROM trigger_settings WHERE user_pool_id = $1")
                .execute(Tuple.of(poolId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(row ->
                        new TriggerSettings(TriggerSettings.PostEventMode.valueOf(row.getString("post_event_triggers")),
                                row.getInteger("timeout_seconds"))));
    }

    public Uni<Void> save(SqlClient sql, String poolId, TriggerSettings settings) {
        return sql.preparedQuery("""
                        INSERT INTO trigger_settings (user_pool_id, post_event_triggers, timeout_seconds) VALUES ($1, $2, $3)
                        ON CONFLICT (user_pool_id) DO UPDATE SET post_event_triggers = EXCLUDED.post_event_triggers,
                            timeout_seconds = EXCLUDED.timeout_seconds, updated_at = now()
                        """)
                .execute(Tuple.of(poolId, settings.postEventTriggers().name(), settings.timeoutSeconds()))
                .replaceWithVoid();
    }
}
