package dev.cognate.identitypool.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What STS needs to know about the identity vended credentials belong to ({@code identities}, by primary key): whether it
 * still exists and is enabled, and since when its credentials are revoked. Apart from IdentityRepository so that the
 * one read on every GetCallerIdentity stays one indexed row.
 */
@ApplicationScoped
public class CredentialRevocationRepository {

    /** The identity's standing: absent when it no longer exists. */
    public record Standing(boolean disabled, Instant credentialsRevokedBefore) {
    }

    public Uni<Optional<Standing>> standing(SqlClient sql, String identityId) {
        return sql.preparedQuery("SELECT disabled, credentials_revoked_before FROM identities WHERE id = $1")
                .execute(Tuple.of(identityId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    var row = rows.iterator().next();
                    OffsetDateTime revoked = row.getOffsetDateTime("credentials_revoked_before");
                    return Optional.of(new Standing(row.getBoolean("disabled"), revoked == null ? null : revoked.toInstant()));
                });
    }

    /**
     * Revokes every credential of the identity issued up to {@code before} (never moves an earlier revocation back).
     * Call it in the transaction that deletes, disables or unlinks the identity, or on an operator's request.
     *
     * @return whether the identity exists
     */
    public Uni<Boolean> revoke(SqlClient sql, String identityId, Instant before) {
        return sql.preparedQuery("UPDATE identities SET credentials_revoked_before = greatest(credentials_revoked_before, $2) WHERE id = $1")
                .execute(Tuple.of(identityId, before.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }
}
