package dev.cognate.userpool.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.domain.AppClient;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Queries of {@code app_clients} and {@code app_client_secrets} (sealed values only; SecretCipher opens them). */
@ApplicationScoped
public class AppClientRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, user_pool_id, name, settings, created_at, last_modified_at";

    /** A stored, still sealed secret. */
    public record SealedSecret(String secretId, String clientId, byte[] ciphertext, Instant creationDate) {
    }

    public Uni<Void> insert(SqlClient sql, AppClient client) {
        return sql.preparedQuery("INSERT INTO app_clients (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(client.clientId(), client.userPoolId(), client.clientName(), jsonb(client.settings()),
                        client.creationDate().atOffset(ZoneOffset.UTC), client.lastModifiedDate().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Void> update(SqlClient sql, AppClient client) {
        return sql.preparedQuery("UPDATE app_clients SET name = $2, settings = $3, last_modified_at = $4 WHERE id = $1")
                .execute(Tuple.of(client.clientId(), client.clientName(), jsonb(client.settings()),
                        client.lastModifiedDate().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The client if it exists in this pool. */
    public Uni<Optional<AppClient>> find(SqlClient sql, String userPoolId, String clientId) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM app_clients WHERE id = $1 AND user_pool_id = $2")
                .execute(Tuple.of(clientId, userPoolId)).map(AppClientRepository::first);
    }

    /** The client by id alone (the internal API for hosted-ui-service, which knows only the client id). */
    public Uni<Optional<AppClient>> findById(SqlClient sql, String clientId) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM app_clients WHERE id = $1")
                .execute(Tuple.of(clientId)).map(AppClientRepository::first);
    }

    /** A client with its sealed secrets (oldest first; none for a public client). */
    public record ClientWithSecrets(AppClient client, List<SealedSecret> secrets) {
    }

    /** The client by id alone with its secrets, in one statement (sign-in, refresh, the token endpoint: {@link SettingsCache}). */
    public Uni<Optional<ClientWithSecrets>> findWithSecrets(SqlClient sql, String clientId) {
        return sql.preparedQuery("SELECT c.id, c.user_pool_id, c.name, c.settings, c.created_at, c.last_modified_at,"
                        + " s.id AS secret_id, s.ciphertext, s.created_at AS secret_created_at"
                        + " FROM app_clients c LEFT JOIN app_client_secrets s ON s.client_id = c.id WHERE c.id = $1"
                        + " ORDER BY s.created_at, s.id")
                .execute(Tuple.of(clientId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    AppClient client = null;
                    List<SealedSecret> secrets = new ArrayList<>();
                    for (Row row : rows) {
                        if (client == null) {
                            client = toClient(row);
                        }
                        String secretId = row.getString("secret_id");
                        if (secretId != null) {
                            secrets.add(new SealedSecret(secretId, clientId, row.getBuffer("ciphertext").getBytes(),
                                    row.getOffsetDateTime("secret_created_at").toInstant()));
                        }
                    }
                    return Optional.of(new ClientWithSecrets(client, List.copyOf(secrets)));
                });
    }

    /** Locks the row for the rest of the transaction. */
    public Uni<Optional<AppClient>> findForUpdate(SqlClient sql, String userPoolId, String clientId) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM app_clients WHERE id = $1 AND user_pool_id = $2 FOR UPDATE")
                .execute(Tuple.of(clientId, userPoolId)).map(AppClientRepository::first);
    }

    public Uni<Void> delete(SqlClient sql, String clientId) {
        return sql.preparedQuery("DELETE FROM app_clients WHERE id = $1").execute(Tuple.of(clientId)).replaceWithVoid();
    }

    /** The pool's clients that name {@code providerName} in SupportedIdentityProviders, locked for the rest of the transaction. */
    public Uni<List<AppClient>> supportingProviderForUpdate(SqlClient sql, String userPoolId, String providerName) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM app_clients WHERE user_pool_id = $1"
                        + " AND settings->'SupportedIdentityProviders' @> jsonb_build_array($2::text) ORDER BY id FOR UPDATE")
                .execute(Tuple.of(userPoolId, providerName))
                .map(rows -> {
                    List<AppClient> clients = new ArrayList<>();
                    rows.forEach(row -> clients.add(toClient(row)));
                    return clients;
                });
    }

    /** One page of the pool's clients in id order after {@code afterId}; ask for one extra row to tell if more follow. */
    public Uni<List<AppClient>> page(SqlClient sql, String userPoolId, String afterId, int limit) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM app_clients WHERE user_pool_id = $1"
                        + " AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3")
                .execute(Tuple.of(userPoolId, afterId, limit))
                .map(rows -> {
                    List<AppClient> clients = new ArrayList<>();
                    rows.forEach(row -> clients.add(toClient(row)));
                    return clients;
                });
    }

    public Uni<Void> insertSecret(SqlClient sql, SealedSecret secret) {
        return sql.preparedQuery("INSERT INTO app_client_secrets (id, client_id, ciphertext, created_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(secret.secretId(), secret.clientId(), Buffer.buffer(secret.ciphertext()),
                        secret.creationDate().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The client's secrets, oldest first. */
    public Uni<List<SealedSecret>> secrets(SqlClient sql, String clientId) {
        return sql.preparedQuery("SELECT id, client_id, ciphertext, created_at FROM app_client_secrets WHERE client_id = $1"
                        + " ORDER BY created_at, id")
                .execute(Tuple.of(clientId))
                .map(rows -> {
                    List<SealedSecret> secrets = new ArrayList<>();
                    rows.forEach(row -> secrets.add(new SealedSecret(row.getString("id"), row.getString("client_id"),
                            row.getBuffer("ciphertext").getBytes(), row.getOffsetDateTime("created_at").toInstant())));
                    return secrets;
                });
    }

    public Uni<Boolean> deleteSecret(SqlClient sql, String clientId, String secretId) {
        return sql.preparedQuery("DELETE FROM app_client_secrets WHERE client_id = $1 AND id = $2")
                .execute(Tuple.of(clientId, secretId))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Optional<AppClient> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toClient(rows.iterator().next()));
    }

    private static AppClient toClient(Row row) {
        ObjectNode settings = JSON.convertValue(row.getJsonObject("settings").getMap(), ObjectNode.class);
        return new AppClient(row.getString("id"), row.getString("user_pool_id"), row.getString("name"), settings,
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("last_modified_at").toInstant());
    }

    @SuppressWarnings("unchecked")
    private static JsonObject jsonb(Object value) {
        return new JsonObject(JSON.convertValue(value, Map.class));
    }
}
