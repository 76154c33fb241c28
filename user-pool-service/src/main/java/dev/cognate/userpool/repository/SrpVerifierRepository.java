package dev.cognate.userpool.repository;

import dev.cognate.userpool.domain.User;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
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

    /** A user and its stored verifier (none when the user has none), read together. */
    public record UserAndVerifier(User user, Optional<StoredVerifier> verifier) {
    }

    /** The user and its verifier in one statement; the verifier's columns are null when the user has none. */
    private static final String USER_AND_VERIFIER = "SELECT " + UserRepository.U_COLUMNS + ", v.user_id_for_srp, v.salt, v.verifier"
            + " FROM users u LEFT JOIN srp_verifiers v ON v.user_pool_id = u.user_pool_id AND v.sub = u.sub WHERE u.user_pool_id = $1";

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

    /** The user of {@code sub} and its verifier, in one statement (SRP's second step). */
    public Uni<Optional<UserAndVerifier>> findUserBySub(SqlClient sql, String poolId, UUID sub) {
        return sql.preparedQuery(USER_AND_VERIFIER + " AND u.sub = $2").execute(Tuple.of(poolId, sub)).map(SrpVerifierRepository::first);
    }

    /** The user whose username key is {@code usernameKey} and its verifier, in one statement (SRP's first step). */
    public Uni<Optional<UserAndVerifier>> findUserByUsernameKey(SqlClient sql, String poolId, String usernameKey) {
        return sql.preparedQuery(USER_AND_VERIFIER + " AND u.username_key = $2").execute(Tuple.of(poolId, usernameKey))
                .map(SrpVerifierRepository::first);
    }

    private static Optional<UserAndVerifier> first(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        User user = UserRepository.toUser(row);
        Optional<StoredVerifier> verifier = row.getString("user_id_for_srp") == null ? Optional.empty()
                : Optional.of(new StoredVerifier(user.userPoolId(), user.sub(), row.getString("user_id_for_srp"), row.getString("salt"),
                        row.getBuffer("verifier").getBytes()));
        return Optional.of(new UserAndVerifier(user, verifier));
    }

    /** Removes the user's verifier: SRP sign-ins then get a decoy challenge and fail. */
    public Uni<Void> delete(SqlClient tx, String poolId, UUID sub) {
        return tx.preparedQuery("DELETE FROM srp_verifiers WHERE user_pool_id = $1 AND sub = $2").execute(Tuple.of(poolId, sub)).replaceWithVoid();
    }
}
