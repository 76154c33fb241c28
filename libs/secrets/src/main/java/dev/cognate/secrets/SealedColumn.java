package dev.cognate.secrets;

import java.util.List;
import java.util.function.Function;

/**
 * A table column that holds values sealed by {@link MasterKeyCipher}, and how to rebuild each row's sealing context
 * from the row: what {@link SealedColumnResealer} needs to re-seal it under the current key after a rotation.
 *
 * @param table      the table (in the connection's schema)
 * @param column     the {@code BYTEA} column with the sealed value (rows where it is {@code NULL} are skipped)
 * @param keyColumns the columns the context is built from, read as text in this order
 * @param context    the row's sealing context from those values, exactly as the code that sealed it builds it
 */
public record SealedColumn(String table, String column, List<String> keyColumns, Function<List<String>, String> context) {

    public SealedColumn {
        keyColumns = List.copyOf(keyColumns);
    }

    /** {@code table.column}, for metrics and log lines. */
    public String name() {
        return table + "." + column;
    }
}
