package dev.cognate.userpool.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.userpool.domain.IdentityProvider;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queries of the {@code identity_providers} table; callers pass the connection so writes join their transaction.
 * Rows carry the provider without its secret details and, apart, those details sealed by the service.
 */
@ApplicationScoped
public class IdentityProviderRepository {

    /** A stored provider: {@code provider} holds no secret detail; {@code sealedDetails} is null when it has none. */
    public record Stored(IdentityProvider provider, byte[] sealedDetails) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS =
            "user_pool_id, name, type, details, sealed_details, attribute_mapping, idp_identifiers, created_at, last_modified_at";

    public Uni<Void> insert(SqlClient sql, Stored stored) {
        IdentityProvider provider = stored.provider();
        return sql.preparedQuery("INSERT INTO identity_providers (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(new Object[] {provider.userPoolId(), provider.providerName(), provider.providerType(),
                        new JsonObject(new HashMap<>(provider.providerDetails())), buffer(stored.sealedDetails()),
                        new JsonObject(new HashMap<>(provider.attributeMapping())), new JsonArray(new ArrayList<>(provider.idpIdentifiers())),
                        provider.creationDate().atOffset(ZoneOffset.UTC), provider.lastModifiedDate().atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    public Uni<Void> update(SqlClient sql, Stored stored) {
        IdentityProvider provider = stored.provider();
        return sql.preparedQuery("UPDATE identity_providers SET details = $3, sealed_details = $4, attribute_mapping = $5,"
                        + " idp_identifiers = $6, last_modified_at = $7 WHERE user_pool_id = $1 AND name = $2")
                .execute(Tuple.from(new Object[] {provider.userPoolId(), provider.providerName(),
                        new JsonObject(new HashMap<>(provider.providerDetails())), buffer(stored.sealedDetails()),
                        new JsonObject(new HashMap<>(provider.attributeMapping())), new JsonArray(new ArrayList<>(provider.idpIdentifiers())),
                        provider.lastModifiedDate().atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    public Uni<Optional<Stored>> find(SqlClient sql, String userPoolId, String name) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM identity_providers WHERE user_pool_id = $1 AND name = $2")
                .execute(Tuple.of(userPoolId, name))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toStored(rows.iterator().next())));
    }

    /** The provider whose IdpIdentifiers hold {@code identifier}. */
    public Uni<Optional<Stored>> findByIdentifier(SqlClient sql, String userPoolId, String identifier) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM identity_providers"
                        + " WHERE user_pool_id = $1 AND idp_identifiers @> jsonb_build_array($2::text)")
                .execute(Tuple.of(userPoolId, identifier))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toStored(rows.iterator().next())));
    }

    /** Which of {@code identifiers} other providers of the pool than {@code exceptName} already use. */
    public Uni<List<String>> identifiersTaken(SqlClient sql, String userPoolId, String exceptName, List<String> identifiers) {
        return sql.preparedQuery("SELECT DISTINCT identifier FROM identity_providers, jsonb_array_elements_text(idp_identifiers) AS identifier"
                        + " WHERE user_pool_id = $1 AND name <> $2 AND identifier = ANY($3) ORDER BY identifier")
                .execute(Tuple.of(userPoolId, exceptName, identifiers.toArray(new String[0])))
                .map(rows -> {
                    List<String> taken = new ArrayList<>();
                    rows.forEach(row -> taken.add(row.getString(0)));
                    return taken;
                });
    }

    /** Which of {@code names} are providers of the pool. */
    public Uni<List<String>> existingNames(SqlClient sql, String userPoolId, List<String> names) {
        return sql.preparedQuery("SELECT name FROM identity_providers WHERE user_pool_id = $1 AND name = ANY($2)")
                .execute(Tuple.of(userPoolId, names.toArray(new String[0])))
                .map(rows -> {
                    List<String> found = new ArrayList<>();
                    rows.forEach(row -> found.add(row.getString(0)));
                    return found;
                });
    }

    /** {@code true} when a provider was deleted. */
    public Uni<Boolean> delete(SqlClient sql, String userPoolId, String name) {
        return sql.preparedQuery("DELETE FROM identity_providers WHERE user_pool_id = $1 AND name = $2")
                .execute(Tuple.of(userPoolId, name)).map(result -> result.rowCount() > 0);
    }

    /** One page of a pool's providers in name order, after {@code afterName} (exclusive) when given. */
    public Uni<List<IdentityProvider>> page(SqlClient sql, String userPoolId, String afterName, int limit) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM identity_providers WHERE user_pool_id = $1 AND ($2::text IS NULL OR name > $2)"
                        + " ORDER BY name LIMIT $3")
                .execute(Tuple.of(userPoolId, afterName, limit))
                .map(rows -> {
                    List<IdentityProvider> providers = new ArrayList<>();
                    rows.forEach(row -> providers.add(toStored(row).provider()));
                    return providers;
                });
    }

    private static Stored toStored(Row row) {
        Map<String, String> details = JSON.convertValue(row.getJsonObject("details").getMap(), new TypeReference<>() { });
        Map<String, String> mapping = JSON.convertValue(row.getJsonObject("attribute_mapping").getMap(), new TypeReference<>() { });
        List<String> identifiers = JSON.convertValue(row.getJsonArray("idp_identifiers").getList(), new TypeReference<>() { });
        var sealed = row.getBuffer("sealed_details");
        return new Stored(new IdentityProvider(row.getString("user_pool_id"), row.getString("name"), row.getString("type"),
                details, mapping, identifiers,
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("last_modified_at").toInstant()),
                sealed == null ? null : sealed.getBytes());
    }

    private static Buffer buffer(byte[] bytes) {
        return bytes == null ? null : Buffer.buffer(bytes);
    }
}
