package dev.cognate.userpool.repository;

import dev.cognate.userpool.domain.UiCustomization;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Queries of the {@code ui_customizations} table. The pool default ({@link UiCustomization#ALL}) is the row whose
 * {@code client_id} is NULL, so that client rows can reference (and cascade with) their app client.
 */
@ApplicationScoped
public class UiCustomizationRepository {

    private static final String COLUMNS = "user_pool_id, client_id, css, css_version, image, image_content_type, created_at, last_modified_at";

    /** Inserts the level's row or replaces its CSS and image, keeping its creation date; the row as stored. */
    public Uni<UiCustomization> upsert(SqlClient sql, UiCustomization customization) {
        return sql.preparedQuery("INSERT INTO ui_customizations (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                        + " ON CONFLICT (user_pool_id, (COALESCE(client_id, 'ALL'))) DO UPDATE SET css = EXCLUDED.css,"
                        + " css_version = EXCLUDED.css_version, image = EXCLUDED.image, image_content_type = EXCLUDED.image_content_type,"
                        + " last_modified_at = EXCLUDED.last_modified_at RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {customization.userPoolId(), column(customization.clientId()), customization.css(),
                        customization.cssVersion(), customization.image() == null ? null : Buffer.buffer(customization.image()),
                        customization.imageContentType(), customization.creationDate().atOffset(ZoneOffset.UTC),
                        customization.lastModifiedDate().atOffset(ZoneOffset.UTC)}))
                .map(rows -> toCustomization(rows.iterator().next()));
    }

    public Uni<Void> delete(SqlClient sql, String userPoolId, String clientId) {
        return sql.preparedQuery("DELETE FROM ui_customizations WHERE user_pool_id = $1 AND COALESCE(client_id, 'ALL') = $2")
                .execute(Tuple.of(userPoolId, clientId)).replaceWithVoid();
    }

    /** The level's own row: {@code clientId} an app client of the pool or {@link UiCustomization#ALL}. */
    public Uni<Optional<UiCustomization>> find(SqlClient sql, String userPoolId, String clientId) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM ui_customizations WHERE user_pool_id = $1 AND COALESCE(client_id, 'ALL') = $2")
                .execute(Tuple.of(userPoolId, clientId))
                .map(UiCustomizationRepository::first);
    }

    /** What the client's pages show: the client's own row, else the pool default. */
    public Uni<Optional<UiCustomization>> effective(SqlClient sql, String userPoolId, String clientId) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM ui_customizations WHERE user_pool_id = $1"
                        + " AND (client_id = $2 OR client_id IS NULL) ORDER BY client_id NULLS LAST LIMIT 1")
                .execute(Tuple.of(userPoolId, clientId))
                .map(UiCustomizationRepository::first);
    }

    private static String column(String clientId) {
        return UiCustomization.ALL.equals(clientId) ? null : clientId;
    }

    private static Optional<UiCustomization> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toCustomization(rows.iterator().next()));
    }

    private static UiCustomization toCustomization(Row row) {
        var image = row.getBuffer("image");
        String clientId = row.getString("client_id");
        return new UiCustomization(row.getString("user_pool_id"), clientId == null ? UiCustomization.ALL : clientId,
                row.getString("css"), row.getString("css_version"), image == null ? null : image.getBytes(),
                row.getString("image_content_type"), row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("last_modified_at").toInstant());
    }
}
