package dev.cognate.userpool.migration;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database that recorded one of V8's edited checksums validates again (the checksum realigned to the landed file's),
 * while any other mismatch is still refused by Flyway. The first assertion also proves that {@link
 * EditedV8ChecksumRealignment#LANDED} is the checksum Flyway computes for the file as it is.
 */
@QuarkusTest
class EditedV8ChecksumRealignmentTest {

    @Inject
    Flyway flyway;

    @Inject
    DataSource dataSource;

    @AfterEach
    void restoreTheLandedChecksum() throws SQLException {
        setChecksum(EditedV8ChecksumRealignment.LANDED);
    }

    @Test
    void aDatabaseMigratedFromTheEditedV8ValidatesAndIsRealigned() throws SQLException {
        assertThat(checksum()).as("what Flyway recorded for the file as it is").isEqualTo(EditedV8ChecksumRealignment.LANDED);

        for (int edited : EditedV8ChecksumRealignment.EDITED) {
            setChecksum(edited);
            flyway.validate();
            assertThat(checksum()).isEqualTo(EditedV8ChecksumRealignment.LANDED);
        }
    }

    @Test
    void anyOtherChecksumOfV8IsStillRefused() throws SQLException {
        setChecksum(12345);

        assertThatThrownBy(flyway::validate).isInstanceOf(FlywayValidateException.class).hasMessageContaining("8");
        assertThat(checksum()).isEqualTo(12345);
    }

    private int checksum() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT checksum FROM user_pool.flyway_schema_history WHERE version = '8'");
             ResultSet row = select.executeQuery()) {
            assertThat(row.next()).isTrue();
            return row.getInt(1);
        }
    }

    private void setChecksum(int checksum) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE user_pool.flyway_schema_history SET checksum = ? WHERE version = '8'")) {
            update.setInt(1, checksum);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
