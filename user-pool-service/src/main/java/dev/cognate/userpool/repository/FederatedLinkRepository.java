package dev.cognate.userpool.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Queries of {@code federated_identity_links}: the provider identities AdminLinkProviderForUser linked to an existing
 * user, each named by the provider, an attribute name ({@code Cognito_Subject} or a SAML attribute) and its value.
 */
@ApplicationScoped
public class FederatedLinkRepository {

    /** The attribute name that designates the provider's subject of the user (ID token {@code sub}, SAML {@code NameID}). */
    public static final String COGNITO_SUBJECT = "Cognito_Subject";

    /** Links the identity to {@code sub}; false when a link of that identity already exists (nothing written). */
    public Uni<Boolean> insert(SqlClient tx, String poolId, String providerName, String attributeName, String attributeValue, UUID sub,
                               Instant now) {
        return tx.preparedQuery("INSERT INTO federated_identity_links (user_pool_id, provider_name, attribute_name, attribute_value, sub,"
                        + " created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(poolId, providerName, attributeName, attributeValue, sub, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The user the identity is linked to, if any. */
    public Uni<Optional<UUID>> destination(SqlClient sql, String poolId, String providerName, String attributeName, String attributeValue) {
        return sql.preparedQuery("SELECT sub FROM federated_identity_links WHERE user_pool_id = $1 AND provider_name = $2"
                        + " AND attribute_name = $3 AND attribute_value = $4")
                .execute(Tuple.of(poolId, providerName, attributeName, attributeValue))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("sub")));
    }

    /**
     * The user a signing-in identity is linked to: a link by its subject ({@code Cognito_Subject}) or by one of its
     * attributes (name and value); the subject's link first, then the oldest.
     */
    public Uni<Optional<UUID>> destinationOf(SqlClient sql, String poolId, String providerName, String subject, Map<String, String> attributes) {
        String[] names = attributes.keySet().toArray(String[]::new);
        String[] values = attributes.keySet().stream().map(attributes::get).toArray(String[]::new);
        return sql.preparedQuery("SELECT sub FROM federated_identity_links WHERE user_pool_id = $1 AND provider_name = $2"
                        + " AND ((attribute_name = $3 AND attribute_value = $4)"
                        + " OR (attribute_name, attribute_value) IN (SELECT * FROM unnest($5::text[], $6::text[])))"
                        + " ORDER BY attribute_name = $3 DESC, created_at LIMIT 1")
                .execute(Tuple.tuple().addString(poolId).addString(providerName).addString(COGNITO_SUBJECT).addString(subject)
                        .addArrayOfString(names).addArrayOfString(values))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("sub")));
    }

    /** How many identities are linked to {@code sub}. */
    public Uni<Long> countFor(SqlClient sql, String poolId, UUID sub) {
        return sql.preparedQuery("SELECT count(*) FROM federated_identity_links WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, sub)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Removes the link of that identity; answers the user it was linked to, if there was one. */
    public Uni<Optional<UUID>> delete(SqlClient tx, String poolId, String providerName, String attributeName, String attributeValue) {
        return tx.preparedQuery("DELETE FROM federated_identity_links WHERE user_pool_id = $1 AND provider_name = $2"
                        + " AND attribute_name = $3 AND attribute_value = $4 RETURNING sub")
                .execute(Tuple.of(poolId, providerName, attributeName, attributeValue))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("sub")));
    }
}
