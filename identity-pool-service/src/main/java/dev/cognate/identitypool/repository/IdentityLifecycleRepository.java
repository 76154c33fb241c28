package dev.cognate.identitypool.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The queries that end, merge and unlink identities (DeleteIdentities, UnlinkIdentity, the developer identity actions,
 * merges); callers pass the connection so writes join their transaction.
 */
@ApplicationScoped
public class IdentityLifecycleRepository {

    /** A login linked to an identity: the provider name and the provider's subject (a developer user identifier for the developer provider). */
    public record Login(String providerName, String subject) {
    }

    /** @return whether the identity existed */
    public Uni<Boolean> delete(SqlClient sql, String identityId) {
        return sql.preparedQuery("DELETE FROM identities WHERE id = $1").execute(Tuple.of(identityId))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> disable(SqlClient sql, String identityId, Instant now) {
        return sql.preparedQuery("UPDATE identities SET disabled = true, last_modified_at = $2 WHERE id = $1")
                .execute(Tuple.of(identityId, now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** Every login of the identity, by provider name and subject. */
    public Uni<List<Login>> logins(SqlClient sql, String identityId) {
        return sql.preparedQuery("SELECT provider_name, subject FROM identity_logins WHERE identity_id = $1 ORDER BY provider_name, subject")
                .execute(Tuple.of(identityId))
                .map(rows -> {
                    List<Login> logins = new ArrayList<>();
                    rows.forEach(row -> logins.add(new Login(row.getString(0), row.getString(1))));
                    return logins;
                });
    }

    /** Moves every login of {@code fromId} to {@code toId} (a merge). */
    public Uni<Void> moveLogins(SqlClient sql, String fromId, String toId) {
        return sql.preparedQuery("UPDATE identity_logins SET identity_id = $2 WHERE identity_id = $1")
                .execute(Tuple.of(fromId, toId)).replaceWithVoid();
    }

    /** Unlinks every login of the provider from the identity; returns how many were unlinked. */
    public Uni<Integer> unlinkProvider(SqlClient sql, String identityId, String providerName) {
        return sql.preparedQuery("DELETE FROM identity_logins WHERE identity_id = $1 AND provider_name = $2")
                .execute(Tuple.of(identityId, providerName)).map(rows -> rows.rowCount());
    }

    /** Unlinks one login from the identity; returns whether it was linked to it. */
    public Uni<Boolean> unlinkLogin(SqlClient sql, String identityId, String providerName, String subject) {
        return sql.preparedQuery("DELETE FROM identity_logins WHERE identity_id = $1 AND provider_name = $2 AND subject = $3")
                .execute(Tuple.of(identityId, providerName, subject)).map(rows -> rows.rowCount() == 1);
    }

    /** One page of the identity's subjects of one provider (developer user identifiers), in bytewise order after {@code after}. */
    public Uni<List<String>> subjects(SqlClient sql, String identityId, String providerName, String after, int limit) {
        return sql.preparedQuery("SELECT subject FROM identity_logins WHERE identity_id = $1 AND provider_name = $2"
                        + " AND ($3::text IS NULL OR subject COLLATE \"C\" > $3) ORDER BY subject COLLATE \"C\" LIMIT $4")
                .execute(Tuple.of(identityId, providerName, after, limit))
                .map(rows -> {
                    List<String> subjects = new ArrayList<>();
                    rows.forEach(row -> subjects.add(row.getString(0)));
                    return subjects;
                });
    }
}
