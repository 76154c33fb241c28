package dev.cognate.userpool.repository;

import dev.cognate.userpool.domain.CodePurpose;
import dev.cognate.userpool.domain.VerificationCode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Queries of {@code verification_codes} (one live code per user and purpose) and {@code verification_code_sends} (send counters). */
@ApplicationScoped
public class VerificationCodeRepository {

    /** Stores a user's new code for its purpose, replacing (and so invalidating) the previous one. */
    public Uni<Void> replace(SqlClient sql, VerificationCode code) {
        return sql.preparedQuery("INSERT INTO verification_codes (user_pool_id, sub, purpose, attribute_name, salt, code_hash, expires_at,"
                        + " failed_attempts, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)"
                        + " ON CONFLICT (user_pool_id, sub, purpose) DO UPDATE SET attribute_name = EXCLUDED.attribute_name,"
                        + " salt = EXCLUDED.salt, code_hash = EXCLUDED.code_hash, expires_at = EXCLUDED.expires_at,"
                        + " failed_attempts = 0, created_at = EXCLUDED.created_at")
                .execute(Tuple.from(new Object[] {code.userPoolId(), code.sub(), code.purpose().name(), code.attributeName(),
                        Buffer.buffer(code.salt()), Buffer.buffer(code.codeHash()),
                        utc(code.expiresAt()), utc(code.createdAt())}))
                .replaceWithVoid();
    }

    /** The user's live code for {@code purpose}, locked for the rest of the transaction. */
    public Uni<Optional<VerificationCode>> findForUpdate(SqlClient sql, String poolId, UUID sub, CodePurpose purpose) {
        return sql.preparedQuery("SELECT user_pool_id, sub, purpose, attribute_name, salt, code_hash, expires_at, failed_attempts, created_at"
                        + " FROM verification_codes WHERE user_pool_id = $1 AND sub = $2 AND purpose = $3 FOR UPDATE")
                .execute(Tuple.of(poolId, sub, purpose.name()))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toCode(rows.iterator().next())));
    }

    public Uni<Void> recordFailedAttempt(SqlClient sql, String poolId, UUID sub, CodePurpose purpose) {
        return sql.preparedQuery("UPDATE verification_codes SET failed_attempts = failed_attempts + 1"
                        + " WHERE user_pool_id = $1 AND sub = $2 AND purpose = $3")
                .execute(Tuple.of(poolId, sub, purpose.name())).replaceWithVoid();
    }

    /** Uses up a code: it never works again. */
    public Uni<Void> delete(SqlClient sql, String poolId, UUID sub, CodePurpose purpose) {
        return sql.preparedQuery("DELETE FROM verification_codes WHERE user_pool_id = $1 AND sub = $2 AND purpose = $3")
                .execute(Tuple.of(poolId, sub, purpose.name())).replaceWithVoid();
    }

    /**
     * Counts one more code sent to the user in the current window (which starts again when the last one began
     * {@code window} or more before {@code now}) and answers the count in the window, this send included.
     */
    public Uni<Integer> countSend(SqlClient sql, String poolId, UUID sub, Instant now, Duration window) {
        return sql.preparedQuery("INSERT INTO verification_code_sends AS s (user_pool_id, sub, window_started_at, sends) VALUES ($1, $2, $3, 1)"
                        + " ON CONFLICT (user_pool_id, sub) DO UPDATE SET"
                        + " sends = CASE WHEN s.window_started_at <= $4 THEN 1 ELSE s.sends + 1 END,"
                        + " window_started_at = CASE WHEN s.window_started_at <= $4 THEN $3 ELSE s.window_started_at END"
                        + " RETURNING sends")
                .execute(Tuple.of(poolId, sub, utc(now), utc(now.minus(window))))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    private static VerificationCode toCode(Row row) {
        return new VerificationCode(row.getString("user_pool_id"), row.getUUID("sub"), CodePurpose.valueOf(row.getString("purpose")),
                row.getString("attribute_name"), row.getBuffer("salt").getBytes(), row.getBuffer("code_hash").getBytes(),
                row.getOffsetDateTime("expires_at").toInstant(), row.getInteger("failed_attempts"),
                row.getOffsetDateTime("created_at").toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
