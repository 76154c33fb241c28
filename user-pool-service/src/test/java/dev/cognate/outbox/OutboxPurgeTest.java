package dev.cognate.outbox;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The hourly purge of libs/outbox, run in a real service against its own schema. */
@QuarkusTest
class OutboxPurgeTest {

    @Inject
    Pool db;

    @Inject
    OutboxRelayJob job;

    @Test
    void purgesOnlyWhatIsPastItsRetention() {
        String oldSent = insertOutbox("now() - interval '8 days'");
        String recentSent = insertOutbox("now() - interval '1 day'");
        String unsent = insertOutbox("NULL");
        String oldProcessed = insertProcessed("now() - interval '31 days'");
        String recentProcessed = insertProcessed("now() - interval '29 days'");

        job.purge();

        assertThat(exists("outbox", oldSent)).as("sent 8 days ago, retention 7 days").isFalse();
        assertThat(exists("outbox", recentSent)).isTrue();
        assertThat(exists("outbox", unsent)).as("never purged before it is sent").isTrue();
        assertThat(exists("processed_events", oldProcessed)).as("processed 31 days ago, retention 30 days").isFalse();
        assertThat(exists("processed_events", recentProcessed)).isTrue();
    }

    private String insertOutbox(String sentAt) {
        String id = UUID.randomUUID().toString();
        // A topic nobody reads: the relay may publish the unsent row meanwhile, which leaves it recent, so it stays.
        db.preparedQuery("INSERT INTO outbox (event_id, topic, message_key, payload, sent_at) VALUES ($1, 'cognate.test.purge', 'k', '{}', "
                + sentAt + ")").execute(Tuple.of(id)).await().indefinitely();
        return id;
    }

    private String insertProcessed(String processedAt) {
        String id = UUID.randomUUID().toString();
        db.preparedQuery("INSERT INTO processed_events (consumer, event_id, processed_at) VALUES ('purge-test', $1, " + processedAt + ")")
                .execute(Tuple.of(id)).await().indefinitely();
        return id;
    }

    private boolean exists(String table, String eventId) {
        return db.preparedQuery("SELECT 1 FROM " + table + " WHERE event_id = $1").execute(Tuple.of(eventId))
                .await().indefinitely().size() == 1;
    }
}
