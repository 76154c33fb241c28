package dev.cognate.userpool.repository;

import dev.cognate.userpool.domain.UserPoolDomain;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Queries of the {@code user_pool_domains} table; callers pass the connection so writes join their transaction. */
@ApplicationScoped
public class UserPoolDomainRepository {

    private static final String COLUMNS = "domain, user_pool_id, certificate_arn, managed_login_version, created_at, last_modified_at";

    /** {@code false} when the name is taken (by any pool) or the pool already has a domain of that kind. */
    public Uni<Boolean> insert(SqlClient sql, UserPoolDomain domain) {
        return sql.preparedQuery("INSERT INTO user_pool_domains (" + COLUMNS + ", custom) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                        + " ON CONFLICT DO NOTHING")
                .execute(Tuple.from(new Object[] {domain.domain(), domain.userPoolId(), domain.certificateArn(), domain.managedLoginVersion(),
                        domain.creationDate().atOffset(ZoneOffset.UTC), domain.lastModifiedDate().atOffset(ZoneOffset.UTC), domain.custom()}))
                .map(result -> result.rowCount() > 0);
    }

    public Uni<Void> update(SqlClient sql, UserPoolDomain domain) {
        return sql.preparedQuery("UPDATE user_pool_domains SET certificate_arn = $2, managed_login_version = $3, last_modified_at = $4"
                        + " WHERE domain = $1")
                .execute(Tuple.of(domain.domain(), domain.certificateArn(), domain.managedLoginVersion(),
                        domain.lastModifiedDate().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The domain, whichever pool it belongs to. */
    public Uni<Optional<UserPoolDomain>> find(SqlClient sql, String domain) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM user_pool_domains WHERE domain = $1").execute(Tuple.of(domain))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toDomain(rows.iterator().next())));
    }

    /** A pool's domains: at most one prefix and one custom domain. */
    public Uni<List<UserPoolDomain>> ofPool(SqlClient sql, String userPoolId) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM user_pool_domains WHERE user_pool_id = $1 ORDER BY custom")
                .execute(Tuple.of(userPoolId))
                .map(rows -> {
                    List<UserPoolDomain> domains = new ArrayList<>();
                    rows.forEach(row -> domains.add(toDomain(row)));
                    return domains;
                });
    }

    /** {@code true} when the pool's domain was deleted. */
    public Uni<Boolean> delete(SqlClient sql, String userPoolId, String domain) {
        return sql.preparedQuery("DELETE FROM user_pool_domains WHERE domain = $1 AND user_pool_id = $2")
                .execute(Tuple.of(domain, userPoolId)).map(result -> result.rowCount() > 0);
    }

    private static UserPoolDomain toDomain(Row row) {
        return new UserPoolDomain(row.getString("domain"), row.getString("user_pool_id"), row.getString("certificate_arn"),
                row.getInteger("managed_login_version"),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("last_modified_at").toInstant());
    }
}
