package dev.cognate.userpool.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Queries of {@code signing_keys}: a pool's RSA keys, the private part sealed, at most one active. */
@ApplicationScoped
public class SigningKeyRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stored key; {@code sealedPrivateKey} is what crypto/SecretCipher produced. */
    public record StoredKey(String userPoolId, String kid, byte[] sealedPrivateKey, ObjectNode publicJwk,
                            Instant createdAt, Instant retiredAt) {
    }

    /** Inserts the pool's active key unless another one is active already (a concurrent first use): {@code true} when inserted. */
    public Uni<Boolean> insertActiveIfNone(SqlClient sql, StoredKey key) {
        return sql.preparedQuery("INSERT INTO signing_keys (user_pool_id, kid, private_key, public_jwk, created_at, active_from)"
                        + " VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (user_pool_id) WHERE retired_at IS NULL DO NOTHING")
                .execute(Tuple.of(key.userPoolId(), key.kid(), io.vertx.core.buffer.Buffer.buffer(key.sealedPrivateKey()),
                        new JsonObject(key.publicJwk().toString()), key.createdAt().atOffset(ZoneOffset.UTC)))
                .map(result -> result.rowCount() > 0);
    }

    public Uni<Optional<StoredKey>> findActive(SqlClient sql, String poolId) {
        return sql.preparedQuery("SELECT * FROM signing_keys WHERE user_pool_id = $1 AND retired_at IS NULL").execute(Tuple.of(poolId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toKey(rows.iterator().next())));
    }

    /** The active key and the keys retired after {@code retiredAfter}, newest first. */
    public Uni<List<StoredKey>> findPublished(SqlClient sql, String poolId, Instant retiredAfter) {
        return sql.preparedQuery("SELECT * FROM signing_keys WHERE user_pool_id = $1 AND (retired_at IS NULL OR retired_at > $2)"
                        + " ORDER BY created_at DESC")
                .execute(Tuple.of(poolId, retiredAfter.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<StoredKey> keys = new ArrayList<>();
                    rows.forEach(row -> keys.add(toKey(row)));
                    return keys;
                });
    }

    /** Serialises rotations of one pool until the transaction ends. */
    public Uni<Void> lockPoolKeys(SqlClient tx, String poolId) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtext('signing_keys:' || $1))").execute(Tuple.of(poolId)).replaceWithVoid();
    }

    public Uni<Void> retireActive(SqlClient tx, String poolId, Instant now) {
        return tx.preparedQuery("UPDATE signing_keys SET retired_at = $2 WHERE user_pool_id = $1 AND retired_at IS NULL")
                .execute(Tuple.of(poolId, now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    private static StoredKey toKey(Row row) {
        try {
            OffsetDateTime retired = row.getOffsetDateTime("retired_at");
            return new StoredKey(row.getString("user_pool_id"), row.getString("kid"), row.getBuffer("private_key").getBytes(),
                    (ObjectNode) JSON.readTree(row.getJsonObject("public_jwk").encode()),
                    row.getOffsetDateTime("created_at").toInstant(), retired == null ? null : retired.toInstant());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
