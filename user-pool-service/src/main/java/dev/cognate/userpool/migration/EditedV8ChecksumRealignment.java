package dev.cognate.userpool.migration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/**
 * {@code V8__verification_codes.sql} once had its header comment edited after it had landed (commits b19233f and
 * fc4c856); it was restored byte for byte to the version that first landed, and the change went to V15. A database
 * migrated from a checkout of that window recorded the edited file's checksum, and Flyway would refuse to start on it.
 * Before Flyway validates, this realigns exactly those two known checksums of V8 (the edits touched comments only, so
 * the schema is the same) to the landed file's; any other mismatch is still Flyway's validation error.
 */
@Singleton
public class EditedV8ChecksumRealignment implements FlywayConfigurationCustomizer {

    private static final Logger LOG = Logger.getLogger(EditedV8ChecksumRealignment.class);

    /** Flyway's checksum (CRC32 over the file's lines) of V8 as it first landed and is again. */
    static final int LANDED = -934944276;
    /** Flyway's checksums of the two edited versions (b19233f, fc4c856). */
    static final Set<Integer> EDITED = Set.of(-781741321, 1140525111);

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.callbacks(new Realign());
    }

    private static final class Realign implements Callback {

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            String history = context.getConfiguration().getDefaultSchema() + "." + context.getConfiguration().getTable();
            try (PreparedStatement exists = context.getConnection().prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                exists.setString(1, history);
                try (ResultSet found = exists.executeQuery()) {
                    if (!found.next() || !found.getBoolean(1)) {
                        return; // a new database: nothing recorded yet
                    }
                }
                try (PreparedStatement realign = context.getConnection().prepareStatement("UPDATE " + history
                        + " SET checksum = ? WHERE version = '8' AND checksum IN (?, ?)")) {
                    realign.setInt(1, LANDED);
                    Integer[] edited = EDITED.toArray(Integer[]::new);
                    realign.setInt(2, edited[0]);
                    realign.setInt(3, edited[1]);
                    if (realign.executeUpdate() > 0) {
                        LOG.infof("realigned the recorded checksum of V8__verification_codes.sql (a comment edited after it landed) in %s", history);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not realign the checksum of V8 in " + history, e);
            }
        }

        @Override
        public String getCallbackName() {
            return "cognate-edited-v8-checksum";
        }
    }
}
