package dev.cognate.userpool.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Queries of {@code refresh_token_families}, {@code refresh_tokens} and {@code user_sign_outs}. Tokens are found by
 * the SHA-256 of their value; the value itself is never stored.
 */
@ApplicationScoped
public class RefreshTokenRepository {

    /** Told of every write that changes what an access token's check reads (GetUser, userInfo). */
    @Inject
    AccessTokenStandings standings;

    /** A stored refresh token with its family; {@code scopes} null for a family of the user-pool API (see V12). */
    public record StoredToken(byte[] tokenHash, UUID familyId, String userPoolId, String clientId, UUID sub, Instant authTime,
                              Instant expiresAt, Instant replacedAt, Instant familyRevokedAt, List<String> scopes) {
    }

    /**
     * The revocation test of an access token, as an SQL boolean expression over {@code $1} pool id, {@code $2} sub,
     * {@code $3} the token's family ({@code origin_jti}) and {@code $4} when it was issued (whole seconds): its family is
     * revoked, or the user signed out everywhere after the second it was issued in. One definition, also used where the
     * test is joined to the user's row (GetUser, userInfo: {@link UserRepository#findBySubUnlessRevoked}).
     */
    static final String REVOKED = "(EXISTS (SELECT 1 FROM refresh_token_families WHERE family_id = $3 AND revoked_at IS NOT NULL)"
            + " OR EXISTS (SELECT 1 FROM user_sign_outs WHERE user_pool_id = $1 AND sub = $2"
            + " AND date_trunc('second', signed_out_at) > $4))";

    /** A new family; {@code scopes} those an OAuth grant gave it, or null for a sign-in of the user-pool API. */
    public Uni<Void> insertFamily(SqlClient tx, UUID familyId, String poolId, String clientId, UUID sub, Instant authTime, Instant now,
                                  List<String> scopes) {
        return tx.preparedQuery("INSERT INTO refresh_token_families (family_id, user_pool_id, client_id, sub, auth_time, created_at, scopes)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(Arrays.asList(familyId, poolId, clientId, sub, utc(authTime), utc(now),
                        scopes == null ? null : scopes.toArray(String[]::new))))
                .replaceWithVoid();
    }

    public Uni<Void> insertToken(SqlClient tx, byte[] tokenHash, UUID familyId, Instant now, Instant expiresAt) {
        return tx.preparedQuery("INSERT INTO refresh_tokens (token_hash, family_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(Buffer.buffer(tokenHash), familyId, utc(now), utc(expiresAt)))
                .replaceWithVoid();
    }

    private static final String FIND_TOKEN = "SELECT t.token_hash, t.family_id, f.user_pool_id, f.client_id, f.sub, f.auth_time,"
            + " t.expires_at, t.replaced_at, f.revoked_at, f.scopes FROM refresh_tokens t JOIN refresh_token_families f"
            + " ON f.family_id = t.family_id WHERE t.token_hash = $1";

    /** The token and its family, the family row locked for the rest of the transaction. */
    public Uni<Optional<StoredToken>> findForUpdate(SqlClient tx, byte[] tokenHash) {
        return tx.preparedQuery(FIND_TOKEN + " FOR UPDATE OF f")
                .execute(Tuple.of(Buffer.buffer(tokenHash)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toToken(rows.iterator().next())));
    }

    /** The token and its family as committed, locking nothing: for reads that change nothing (a refresh's first look). */
    public Uni<Optional<StoredToken>> find(SqlClient sql, byte[] tokenHash) {
        return sql.preparedQuery(FIND_TOKEN)
                .execute(Tuple.of(Buffer.buffer(tokenHash)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toToken(rows.iterator().next())));
    }

    public Uni<Void> markReplaced(SqlClient tx, byte[] tokenHash, Instant now) {
        return tx.preparedQuery("UPDATE refresh_tokens SET replaced_at = $2 WHERE token_hash = $1")
                .execute(Tuple.of(Buffer.buffer(tokenHash), utc(now))).replaceWithVoid();
    }

    public Uni<Void> revokeFamily(SqlClient tx, UUID familyId, Instant now) {
        return tx.preparedQuery("UPDATE refresh_token_families SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL"
                        + " RETURNING user_pool_id, sub")
                .execute(Tuple.of(familyId, utc(now)))
                .call(rows -> {
                    List<Uni<Void>> told = new ArrayList<>();
                    rows.forEach(row -> told.add(standings.changed(tx, row.getString("user_pool_id"), row.getUUID("sub"))));
                    return told.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(told).andFailFast().replaceWithVoid();
                })
                .replaceWithVoid();
    }

    /** GlobalSignOut: every family of the user revoked, and access tokens issued before {@code now} refused. */
    public Uni<Void> signOutEverywhere(SqlClient tx, String poolId, UUID sub, Instant now) {
        return tx.preparedQuery("UPDATE refresh_token_families SET revoked_at = $3 WHERE user_pool_id = $1 AND sub = $2 AND revoked_at IS NULL")
                .execute(Tuple.of(poolId, sub, utc(now)))
                .chain(() -> tx.preparedQuery("INSERT INTO user_sign_outs (user_pool_id, sub, signed_out_at) VALUES ($1, $2, $3)"
                                + " ON CONFLICT (user_pool_id, sub) DO UPDATE SET signed_out_at = excluded.signed_out_at")
                        .execute(Tuple.of(poolId, sub, utc(now))))
                .call(() -> standings.changed(tx, poolId, sub))
                .replaceWithVoid();
    }

    /**
     * Whether an access token of this family, issued at {@code issuedAt} (whole seconds), was revoked: its family is,
     * or the user signed out everywhere after the second it was issued in.
     */
    public Uni<Boolean> isRevoked(SqlClient sql, String poolId, UUID sub, UUID familyId, Instant issuedAt) {
        return sql.preparedQuery("SELECT " + REVOKED)
                .execute(Tuple.of(poolId, sub, familyId, utc(issuedAt)))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    private static StoredToken toToken(Row row) {
        return new StoredToken(row.getBuffer("token_hash").getBytes(), row.getUUID("family_id"), row.getString("user_pool_id"),
                row.getString("client_id"), row.getUUID("sub"), instant(row.getOffsetDateTime("auth_time")),
                instant(row.getOffsetDateTime("expires_at")), instant(row.getOffsetDateTime("replaced_at")),
                instant(row.getOffsetDateTime("revoked_at")), scopes(row.getArrayOfStrings("scopes")));
    }

    private static List<String> scopes(String[] stored) {
        return stored == null ? null : List.of(stored);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
