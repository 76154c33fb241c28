package dev.cognate.identitypool.repository;

import dev.cognate.identitypool.domain.Identity;
import io.smallrye.mutiny.Uni;
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

/** Queries of {@code identities} and {@code identity_logins}; callers pass the connection so writes join their transaction. */
@ApplicationScoped
public class IdentityRepository {

    private static final String SELECT = "SELECT i.id, i.identity_pool_id, i.disabled, i.created_at, i.last_modified_at,"
            + " coalesce((SELECT array_agg(DISTINCT l.provider_name ORDER BY l.provider_name) FROM identity_logins l WHERE l.identity_id = i.id),"
            + " '{}') AS logins FROM identities i ";

    public Uni<Void> insert(SqlClient sql, Identity identity) {
        return sql.preparedQuery("INSERT INTO identities (id, identity_pool_id, disabled, created_at, last_modified_at) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(identity.id(), identity.identityPoolId(), identity.disabled(),
                        identity.creationDate().atOffset(ZoneOffset.UTC), identity.lastModifiedDate().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /**
     * Links a login to an identity unless the login is already linked in the pool.
     *
     * @return whether it was linked now ({@code false}: another identity, or this one, holds it already)
     */
    public Uni<Boolean> linkIfFree(SqlClient sql, String poolId, String providerName, String subject, String identityId, Instant now) {
        return sql.preparedQuery("INSERT INTO identity_logins (identity_pool_id, provider_name, subject, identity_id, linked_at)"
                        + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(poolId, providerName, subject, identityId, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> touch(SqlClient sql, String identityId, Instant now) {
        return sql.preparedQuery("UPDATE identities SET last_modified_at = $2 WHERE id = $1")
                .execute(Tuple.of(identityId, now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** The identity a login is linked to in the pool, if any. */
    public Uni<Optional<String>> identityOfLogin(SqlClient sql, String poolId, String providerName, String subject) {
        return sql.preparedQuery("SELECT identity_id FROM identity_logins WHERE identity_pool_id = $1 AND provider_name = $2 AND subject = $3")
                .execute(Tuple.of(poolId, providerName, subject))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
    }

    public Uni<Optional<Identity>> find(SqlClient sql, String id) {
        return sql.preparedQuery(SELECT + "WHERE i.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toIdentity(rows.iterator().next())));
    }

    /** Locks the identity for the rest of the transaction, so logins are linked to it one request after the other. */
    public Uni<Optional<Identity>> findForUpdate(SqlClient sql, String id) {
        return sql.preparedQuery("SELECT id FROM identities WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(Optional.<Identity>empty()) : find(sql, id));
    }

    /** One page of a pool's identities in id order after {@code afterId} (exclusive), disabled ones left out when asked. */
    public Uni<List<Identity>> page(SqlClient sql, String poolId, String afterId, boolean hideDisabled, int limit) {
        return sql.preparedQuery(SELECT + "WHERE i.identity_pool_id = $1 AND ($2::text IS NULL OR i.id > $2)"
                        + " AND (NOT $3 OR NOT i.disabled) ORDER BY i.id LIMIT $4")
                .execute(Tuple.of(poolId, afterId, hideDisabled, limit))
                .map(rows -> {
                    List<Identity> identities = new ArrayList<>();
                    rows.forEach(row -> identities.add(toIdentity(row)));
                    return identities;
                });
    }

    private static Identity toIdentity(Row row) {
        return new Identity(row.getString("id"), row.getString("identity_pool_id"),
                Arrays.asList(row.getArrayOfStrings("logins")), row.getBoolean("disabled"),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("last_modified_at").toInstant());
    }
}
