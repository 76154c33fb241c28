package dev.cognate.secrets;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Re-seals the values of {@link SealedColumn}s that are not sealed under the current master key (after a rotation:
 * {@code cognate.master-key} is the new key, {@code cognate.master-key-previous} the old), in batches of one
 * transaction each. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several replicas running the job at once
 * share the work and never rewrite a row twice, and a row a request is changing at the same moment is left for the
 * next batch instead of overwritten with a stale value.
 *
 * <p>The key id of a sealed value is its bytes 2-5 (see {@link MasterKeyCipher}), so "not under the current key" is
 * a comparison PostgreSQL makes on the column itself: counting what is left costs no decryption.
 *
 * <p>A value that does not open with any key of the ring (its key is not configured, or it was tampered with) is
 * logged and left as it is; the count of what is left keeps showing it. JDBC and the JDK only (java.util.logging,
 * which Quarkus routes to its log).
 */
public final class SealedColumnResealer {

    private static final Logger LOG = Logger.getLogger(SealedColumnResealer.class.getName());

    private final DataSource dataSource;
    private final MasterKeyCipher cipher;
    private final int batchSize;

    public SealedColumnResealer(DataSource dataSource, MasterKeyCipher cipher, int batchSize) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.batchSize = batchSize;
    }

    /** How many rows of {@code column} hold a value not sealed under the current key; 0 without a current key. */
    public long remaining(SealedColumn column) throws SQLException {
        if (!cipher.hasKey()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + column.table() + " WHERE " + stale(column))) {
            count.setBytes(1, currentKeyId());
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Re-seals every stale value of {@code column} this replica can claim, one batch per transaction.
     *
     * @return how many values were re-sealed
     */
    public int resealAll(SealedColumn column) throws SQLException {
        if (!cipher.hasKey()) {
            return 0;
        }
        int total = 0;
        List<String> failed = new ArrayList<>();
        while (true) {
            Batch batch = resealBatch(column, failed);
            total += batch.resealed();
            // Every claimed row is either re-sealed or remembered as failed (and not claimed again), so this ends.
            if (batch.claimed() < batchSize) {
                return total;
            }
        }
    }

    private record Batch(int claimed, int resealed) {
    }

    /** One transaction: claims up to a batch of stale rows (skipping rows that failed before) and rewrites them. */
    private Batch resealBatch(SealedColumn column, List<String> failed) throws SQLException {
        String keys = String.join(", ", column.keyColumns().stream().map(k -> k + "::text").toList());
        String select = "SELECT ctid::text, " + keys + ", " + column.column() + " FROM " + column.table()
                + " WHERE " + stale(column) + " AND NOT (ctid::text = ANY(?)) LIMIT ? FOR UPDATE SKIP LOCKED";
        String update = "UPDATE " + column.table() + " SET " + column.column() + " = ? WHERE ctid = ?::tid";
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int claimed = 0;
                int resealed = 0;
                try (PreparedStatement query = connection.prepareStatement(select);
                     PreparedStatement write = connection.prepareStatement(update)) {
                    query.setBytes(1, currentKeyId());
                    query.setArray(2, connection.createArrayOf("text", failed.toArray()));
                    query.setInt(3, batchSize);
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            claimed++;
                            String ctid = rs.getString(1);
                            List<String> keyValues = new ArrayList<>();
                            for (int i = 0; i < column.keyColumns().size(); i++) {
                                keyValues.add(rs.getString(2 + i));
                            }
                            byte[] stored = rs.getBytes(2 + column.keyColumns().size());
                            try {
                                write.setBytes(1, cipher.reseal(stored, column.context().apply(keyValues)));
                            } catch (IllegalStateException e) {
                                // Names the row by its key columns, never the value.
                                LOG.log(Level.SEVERE, () -> "cannot re-seal " + column.name() + " of " + keyValues + ": " + e.getMessage());
                                failed.add(ctid);
                                continue;
                            }
                            write.setString(2, ctid);
                            write.addBatch();
                            resealed++;
                        }
                    }
                    if (resealed > 0) {
                        write.executeBatch();
                    }
                }
                connection.commit();
                return new Batch(claimed, resealed);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static String stale(SealedColumn column) {
        // Bytes 2-5 of the value are the id of the key that sealed it (PostgreSQL's substring counts from 1).
        return column.column() + " IS NOT NULL AND substring(" + column.column() + " from 2 for 4) <> ?";
    }

    private byte[] currentKeyId() {
        return HexFormat.of().parseHex(cipher.currentKeyId().orElseThrow());
    }
}
