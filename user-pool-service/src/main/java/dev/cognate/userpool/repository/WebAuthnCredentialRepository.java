package dev.cognate.userpool.repository;

import dev.cognate.userpool.domain.WebAuthnCredential;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Queries of {@code webauthn_credentials}: each user's passkeys. */
@ApplicationScoped
public class WebAuthnCredentialRepository {

    private static final String COLUMNS = "user_pool_id, credential_id, sub, attested_credential_data, sign_count, uv_initialized,"
            + " backup_eligible, backed_up, transports, authenticator_attachment, friendly_name, relying_party_id, created_at";

    /** Inserts a new passkey; {@code false} when the pool already has a credential with this id. */
    public Uni<Boolean> insert(SqlClient sql, WebAuthnCredential credential) {
        return sql.preparedQuery("INSERT INTO webauthn_credentials (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
                        + " ON CONFLICT (user_pool_id, credential_id) DO NOTHING")
                .execute(Tuple.tuple().addValue(credential.userPoolId()).addValue(credential.credentialId()).addValue(credential.sub())
                        .addValue(Buffer.buffer(credential.attestedCredentialData())).addValue(credential.signCount())
                        .addValue(credential.uvInitialized()).addValue(credential.backupEligible()).addValue(credential.backedUp())
                        .addValue(credential.transports().toArray(String[]::new)).addValue(credential.authenticatorAttachment())
                        .addValue(credential.friendlyName()).addValue(credential.relyingPartyId())
                        .addValue(credential.createdAt().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Integer> count(SqlClient sql, String poolId, UUID sub) {
        return sql.preparedQuery("SELECT count(*) FROM webauthn_credentials WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, sub)).map(rows -> rows.iterator().next().getInteger(0));
    }

    /** The user's passkeys in registration order (then id), starting after {@code after} (a credential id) when given. */
    public Uni<List<WebAuthnCredential>> ofUser(SqlClient sql, String poolId, UUID sub, WebAuthnCredential after, int limit) {
        String query = "SELECT " + COLUMNS + " FROM webauthn_credentials WHERE user_pool_id = $1 AND sub = $2"
                + (after == null ? "" : " AND (created_at, credential_id) > ($4, $5)")
                + " ORDER BY created_at, credential_id LIMIT $3";
        Tuple parameters = after == null ? Tuple.of(poolId, sub, limit)
                : Tuple.of(poolId, sub, limit, after.createdAt().atOffset(ZoneOffset.UTC), after.credentialId());
        return sql.preparedQuery(query).execute(parameters).map(rows -> {
            List<WebAuthnCredential> found = new ArrayList<>();
            rows.forEach(row -> found.add(read(row)));
            return found;
        });
    }

    public Uni<Optional<WebAuthnCredential>> find(SqlClient sql, String poolId, String credentialId) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM webauthn_credentials WHERE user_pool_id = $1 AND credential_id = $2")
                .execute(Tuple.of(poolId, credentialId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    /** Deletes one of the user's passkeys; {@code false} when the user has none with this id. */
    public Uni<Boolean> delete(SqlClient sql, String poolId, UUID sub, String credentialId) {
        return sql.preparedQuery("DELETE FROM webauthn_credentials WHERE user_pool_id = $1 AND sub = $2 AND credential_id = $3")
                .execute(Tuple.of(poolId, sub, credentialId)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Records a verified assertion, atomically: the counter moves to {@code signCount} only if it grows (or both are 0,
     * an authenticator without a counter); {@code false} otherwise — of two sign-ins racing with one assertion's counter,
     * one wins.
     */
    public Uni<Boolean> recordUse(SqlClient sql, String poolId, String credentialId, long expectedSignCount, long signCount,
                                  boolean backedUp, Instant now) {
        return sql.preparedQuery("UPDATE webauthn_credentials SET sign_count = $4, backed_up = $5, last_used_at = $6"
                        + " WHERE user_pool_id = $1 AND credential_id = $2 AND sign_count = $3 AND (sign_count < $4 OR ($4 = 0 AND sign_count = 0))")
                .execute(Tuple.of(poolId, credentialId, expectedSignCount, signCount, backedUp, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    private static WebAuthnCredential read(Row row) {
        String[] transports = row.getArrayOfStrings("transports");
        return new WebAuthnCredential(row.getString("user_pool_id"), row.getString("credential_id"), row.getUUID("sub"),
                row.getBuffer("attested_credential_data").getBytes(), row.getLong("sign_count"), row.getBoolean("uv_initialized"),
                row.getBoolean("backup_eligible"), row.getBoolean("backed_up"), transports == null ? List.of() : Arrays.asList(transports),
                row.getString("authenticator_attachment"), row.getString("friendly_name"), row.getString("relying_party_id"),
                row.getOffsetDateTime("created_at").toInstant());
    }
}
