package dev.cognate.userpool.compat;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** Reads what a pool's changes wrote to the outbox, in commit order: {@code type} and the data's {@code member}. */
public final class OutboxRows {

    public record Row(String type, String key, String subjectOfData) {
    }

    private OutboxRows() {
    }

    public static List<Row> forPool(Pool db, String poolId, String dataMember) {
        List<Row> rows = new ArrayList<>();
        db.preparedQuery("SELECT payload::jsonb->>'type', message_key, payload::jsonb->'data'->>$2 FROM outbox"
                        + " WHERE payload::jsonb->>'source' = $1 ORDER BY id")
                .execute(Tuple.of("/userpools/" + poolId, dataMember)).await().indefinitely()
                .forEach(row -> rows.add(new Row(row.getString(0), row.getString(1), row.getString(2))));
        return rows;
    }
}
