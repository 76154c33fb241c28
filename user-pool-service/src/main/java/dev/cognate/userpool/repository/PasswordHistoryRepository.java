package dev.cognate.userpool.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Queries of {@code password_history}: a user's last password hashes, newest first. */
@ApplicationScoped
public class PasswordHistoryRepository {

    public Uni<List<String>> newest(SqlClient sql, String poolId, UUID sub, int limit) {
        return sql.preparedQuery("SELECT password_hash FROM password_history WHERE user_pool_id = $1 AND sub = $2 ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(poolId, sub, limit))
                .map(rows -> {
                    List<String> hashes = new java.util.ArrayList<>();
                    for (Row row : rows) {
                        hashes.add(row.getString(0));
                    }
                    return hashes;
                });
    }

    /** Adds {@code hash} as the newest and keeps only the newest {@code keep} rows of the user. */
    public Uni<Void> add(SqlClient sql, String poolId, UUID sub, String hash, Instant setAt, int keep) {
        return sql.preparedQuery("INSERT INTO password_history (user_pool_id, sub, password_hash, set_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(poolId, sub, hash, setAt.atOffset(ZoneOffset.UTC)))
                .chain(() -> sql.preparedQuery("DELETE FROM password_history WHERE user_pool_id = $1 AND sub = $2 AND id NOT IN"
                                + " (SELECT id FROM password_history WHERE user_pool_id = $1 AND sub = $2 ORDER BY id DESC LIMIT $3)")
                        .execute(Tuple.of(poolId, sub, keep)))
                .replaceWithVoid();
    }

    public Uni<Void> clear(SqlClient sql, String poolId, UUID sub) {
        return sql.preparedQuery("DELETE FROM password_history WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, sub)).replaceWithVoid();
    }
}
