package dev.cognate.userpool.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Queries of {@code software_tokens}: each user's sealed TOTP seeds (pending and verified) and its last accepted step. */
@ApplicationScoped
public class SoftwareTokenRepository {

    /** The stored row; a seed is {@code null} when there is none. */
    public record Token(byte[] pendingSeed, byte[] verifiedSeed, String friendlyDeviceName, long lastAcceptedStep) {

        public boolean verified() {
            return verifiedSeed != null;
        }
    }

    public Uni<Optional<Token>> find(SqlClient sql, String poolId, UUID sub, boolean lock) {
        return sql.preparedQuery("SELECT pending_seed, verified_seed, friendly_device_name, last_accepted_step FROM software_tokens"
                        + " WHERE user_pool_id = $1 AND sub = $2" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(poolId, sub))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    /** AssociateSoftwareToken: a new pending seed (the verified one, if any, stays until the new one is verified). */
    public Uni<Void> savePending(SqlClient sql, String poolId, UUID sub, byte[] sealedSeed, Instant now) {
        return sql.preparedQuery("INSERT INTO software_tokens (user_pool_id, sub, pending_seed, updated_at) VALUES ($1, $2, $3, $4)"
                        + " ON CONFLICT (user_pool_id, sub) DO UPDATE SET pending_seed = $3, updated_at = $4")
                .execute(Tuple.of(poolId, sub, Buffer.buffer(sealedSeed), now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /**
     * A successful VerifySoftwareToken: the pending seed becomes the verified one, its code's step the last accepted (the
     * steps used with the previous seed say nothing about the new one's codes).
     */
    public Uni<Void> verifyPending(SqlClient sql, String poolId, UUID sub, String friendlyDeviceName, long acceptedStep, Instant now) {
        return sql.preparedQuery("UPDATE software_tokens SET verified_seed = pending_seed, pending_seed = NULL, friendly_device_name = $3,"
                        + " last_accepted_step = $4, verified_at = $5, updated_at = $5"
                        + " WHERE user_pool_id = $1 AND sub = $2 AND pending_seed IS NOT NULL")
                .execute(Tuple.of(poolId, sub, friendlyDeviceName, acceptedStep, now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /**
     * Records {@code step} as used, atomically: {@code false} when it (or a newer step) was already accepted — a
     * replayed code — so of two concurrent sign-ins with the same code only one wins.
     */
    public Uni<Boolean> accept(SqlClient sql, String poolId, UUID sub, long step, Instant now) {
        return sql.preparedQuery("UPDATE software_tokens SET last_accepted_step = $3, updated_at = $4"
                        + " WHERE user_pool_id = $1 AND sub = $2 AND last_accepted_step < $3")
                .execute(Tuple.of(poolId, sub, step, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Token read(Row row) {
        var pending = row.getBuffer("pending_seed");
        var verified = row.getBuffer("verified_seed");
        return new Token(pending == null ? null : pending.getBytes(), verified == null ? null : verified.getBytes(),
                row.getString("friendly_device_name"), row.getLong("last_accepted_step"));
    }
}
