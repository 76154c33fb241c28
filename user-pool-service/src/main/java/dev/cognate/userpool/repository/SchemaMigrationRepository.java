package dev.cognate.userpool.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The queries behind a schema change ({@code CognateAdmin.UpdateUserPoolSchema}): how many users a new
 * constraint would break, who refers to an attribute, and removing an attribute from every user.
 */
@ApplicationScoped
public class SchemaMigrationRepository {

    /** Told of every write that changes what an access token's check reads (GetUser, userInfo). */
    @Inject
    AccessTokenStandings standings;

    /** Users without a (non-empty) value of {@code attribute}. */
    public Uni<Long> usersWithout(SqlClient sql, String poolId, String attribute) {
        return count(sql, "SELECT count(*) FROM users WHERE user_pool_id = $1 AND coalesce(attributes->>$2, '') = ''",
                Tuple.of(poolId, attribute));
    }

    /** Users whose value of {@code attribute} has fewer than {@code min} or more than {@code max} characters. */
    public Uni<Long> usersOutsideLength(SqlClient sql, String poolId, String attribute, int min, int max) {
        return count(sql, "SELECT count(*) FROM users WHERE user_pool_id = $1 AND attributes ? $2"
                        + " AND char_length(attributes->>$2) NOT BETWEEN $3 AND $4",
                Tuple.of(poolId, attribute, min, max));
    }

    /**
     * Users whose value of {@code attribute} is not an integer or lies outside {@code [min, max]} (a null
     * bound is no bound).
     */
    public Uni<Long> usersOutsideRange(SqlClient sql, String poolId, String attribute, BigDecimal min, BigDecimal max) {
        return count(sql, "SELECT count(*) FROM users WHERE user_pool_id = $1 AND attributes ? $2"
                        + " AND (attributes->>$2 !~ '^-?[0-9]+$'"
                        + " OR CASE WHEN attributes->>$2 ~ '^-?[0-9]+$' THEN"
                        + " ($3::numeric IS NOT NULL AND (attributes->>$2)::numeric < $3::numeric)"
                        + " OR ($4::numeric IS NOT NULL AND (attributes->>$2)::numeric > $4::numeric) END)",
                Tuple.of(poolId, attribute, min, max));
    }

    /** The app clients that read or write {@code attribute}, and the identity providers that map to it. */
    public Uni<List<String>> referencesTo(SqlClient sql, String poolId, String attribute) {
        return sql.preparedQuery("SELECT 'app client ' || id FROM app_clients WHERE user_pool_id = $1"
                        + " AND (settings->'ReadAttributes' ? $2 OR settings->'WriteAttributes' ? $2)"
                        + " UNION ALL SELECT 'identity provider ' || name FROM identity_providers WHERE user_pool_id = $1"
                        + " AND attribute_mapping ? $2 ORDER BY 1")
                .execute(Tuple.of(poolId, attribute))
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    rows.forEach(row -> names.add(row.getString(0)));
                    return names;
                });
    }

    /** Deletes {@code attribute} from every user of the pool and from the ListUsers index; the number of users changed. */
    public Uni<Long> removeFromUsers(SqlClient sql, String poolId, String attribute) {
        return sql.preparedQuery("DELETE FROM user_search WHERE user_pool_id = $1 AND attribute = $2").execute(Tuple.of(poolId, attribute))
                .chain(() -> sql.preparedQuery("UPDATE users SET attributes = attributes - $2 WHERE user_pool_id = $1 AND attributes ? $2")
                        .execute(Tuple.of(poolId, attribute)))
                .invoke(() -> standings.poolChanged(sql))
                .map(result -> (long) result.rowCount());
    }

    private static Uni<Long> count(SqlClient sql, String query, Tuple parameters) {
        return sql.preparedQuery(query).execute(parameters).map(rows -> {
            Row row = rows.iterator().next();
            return row.getLong(0);
        });
    }
}
