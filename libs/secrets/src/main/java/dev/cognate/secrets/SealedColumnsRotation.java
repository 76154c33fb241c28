package dev.cognate.secrets;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One service's part of a master-key rotation: re-seals all its {@link SealedColumn}s under the current key
 * ({@link SealedColumnResealer}, safe with several replicas) and keeps, per column, how many values are not yet under
 * it, for the service's gauge {@code cognate_master_key_reseal_remaining{column}}. The service's scheduled job calls
 * {@link #resealAll}; a failure of one column (the database away) is logged and retried on the next run.
 */
public final class SealedColumnsRotation {

    private static final Logger LOG = Logger.getLogger(SealedColumnsRotation.class.getName());
    private static final int BATCH = 100;

    /** The gauge's name and help, the same in every service. */
    public static final String GAUGE = "cognate_master_key_reseal_remaining";
    public static final String GAUGE_HELP = "Stored values not yet sealed under the current master key";

    private final SealedColumnResealer resealer;
    private final List<SealedColumn> columns;
    private final Map<String, AtomicLong> remaining = new LinkedHashMap<>();

    public SealedColumnsRotation(DataSource dataSource, MasterKeyCipher cipher, List<SealedColumn> columns) {
        this.resealer = new SealedColumnResealer(dataSource, cipher, BATCH);
        this.columns = List.copyOf(columns);
        columns.forEach(column -> remaining.put(column.name(), new AtomicLong()));
    }

    /** Per column ({@code table.column}), the values left under another key at the last count. */
    public Map<String, AtomicLong> remaining() {
        return Map.copyOf(remaining);
    }

    /** Re-seals what this replica can claim of every column, then counts what is left. */
    public void resealAll() {
        for (SealedColumn column : columns) {
            try {
                int resealed = resealer.resealAll(column);
                if (resealed > 0) {
                    LOG.info(() -> "re-sealed " + resealed + " value(s) of " + column.name() + " under the current master key");
                }
                remaining.get(column.name()).set(resealer.remaining(column));
            } catch (SQLException e) {
                LOG.log(Level.WARNING, () -> "re-sealing " + column.name() + " failed (" + e.getMessage() + "); will retry");
            }
        }
    }

    /** Counts what is left without re-sealing anything. */
    public void measure() {
        for (SealedColumn column : columns) {
            try {
                remaining.get(column.name()).set(resealer.remaining(column));
            } catch (SQLException e) {
                LOG.log(Level.FINE, () -> "cannot count " + column.name() + " (" + e.getMessage() + ")");
            }
        }
    }
}
