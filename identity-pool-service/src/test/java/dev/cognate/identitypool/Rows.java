package dev.cognate.identitypool;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads what the service stored, through its own JDBC datasource (schema identity_pool). */
public final class Rows {

    private Rows() {
    }

    public static long count(DataSource dataSource, String sql, Object... parameters) {
        List<String> values = strings(dataSource, "SELECT count(*)::text FROM (" + sql + ") AS counted", parameters);
        return Long.parseLong(values.get(0));
    }

    /** The first column of every row, as text. */
    public static List<String> strings(DataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
