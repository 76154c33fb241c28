package dev.cognate.userpool.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Queries of {@code srp_verifiers}: one sealed SRP verifier per user, for its current password. */
@ApplicationScoped
public class SrpVerifierRepository {

    /** A stored verifier; {@code sealedVerifier} is what crypto/SecretCipher produced from its hex. */
    public record StoredVerifier(String userPoolId, UUID sub, String userIdForSrp, String salt, byte[] sealedVerifier) {
    }

    public Uni<Void> upsert(SqlClient tx, StoredVerifier verifier, Instant now) {
        return tx.preparedQuery("INSERT INTO srp_verifiers (user_pool_id, sub, user_id_for_srp, salt, verifier, updated_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_pool_id, sub) DO UPDATE SET"
                        + " user_id_for_srp = excluded.user_id_for_srp, salt = excluded.salt, verifier = excluded.verifier,"
                        + " updated_at = excluded.updated_at")
                .execute(Tuple.from(new Object[] {verifier.userPoolId(), verifier.sub(), verifier.userIdForSrp(), verifier.salt(),
                        Buffer.buffer(verifier.sealedVerifier()), now.atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    public Uni<Optional<StoredVerifier>> find(SqlClient sql, String poolId, UUID sub) {
        return sql.preparedQuery("SELECT user_id_for_srp, salt, verifier FROM srp_verifiers WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, sub))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(row -> new StoredVerifier(
                        poolId, sub, row.getString("user_id_for_srp"), row.getString("salt"), row.getBuffer("verifier").getBytes())));
    }

    /** Removes the user's verifier: SRP sign-ins then get a decoy challenge and fail. */
    public Uni<Void> delete(SqlClient tx, String poolId, UUID sub) {
        return tx.preparedQuery("DELETE FROM srp_verifiers WHERE user_pool_id = $1 AND sub = $2").execute(Tuple.of(poolId, sub)).replaceWithVoid();
    }
}
