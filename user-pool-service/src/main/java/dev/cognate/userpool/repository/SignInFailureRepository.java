package dev.cognate.userpool.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Queries of {@code sign_in_failures}: the password lockout counter of each user. */
@ApplicationScoped
public class SignInFailureRepository {

    /** When the user is locked until, if a lock is recorded. */
    public Uni<Optional<Instant>> lockedUntil(SqlClient sql, String poolId, UUID sub) {
        return sql.preparedQuery("SELECT locked_until FROM sign_in_failures WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, sub))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    OffsetDateTime until = rows.iterator().next().getOffsetDateTime(0);
                    return Optional.ofNullable(until).map(OffsetDateTime::toInstant);
                });
    }

    /** Counts one more failure — starting again from one after {@code idleReset} without failure — and answers the count. */
    public Uni<Integer> recordFailure(SqlClient tx, String poolId, UUID sub, Instant now, Duration idleReset) {
        return tx.preparedQuery("INSERT INTO sign_in_failures AS f (user_pool_id, sub, failures, last_failure_at) VALUES ($1, $2, 1, $3)"
                        + " ON CONFLICT (user_pool_id, sub) DO UPDATE SET failures = CASE WHEN f.last_failure_at < $4 THEN 1"
                        + " ELSE f.failures + 1 END, last_failure_at = $3 RETURNING failures")
                .execute(Tuple.of(poolId, sub, now.atOffset(ZoneOffset.UTC), now.minus(idleReset).atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    public Uni<Void> lockUntil(SqlClient tx, String poolId, UUID sub, Instant until) {
        return tx.preparedQuery("UPDATE sign_in_failures SET locked_until = $3 WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, sub, until.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    public Uni<Void> reset(SqlClient tx, String poolId, UUID sub) {
        return tx.preparedQuery("DELETE FROM sign_in_failures WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, sub)).replaceWithVoid();
    }
}
