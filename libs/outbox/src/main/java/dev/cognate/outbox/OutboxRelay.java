package dev.cognate.outbox;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Publishes pending outbox rows to Kafka, in id order, and marks them sent once the broker has
 * acknowledged them ({@code acks=all}, idempotent producer). A row is marked only after its ack,
 * and only the acknowledged prefix of a batch is marked, so per-key order holds and nothing
 * committed is lost while Kafka is down: the rows wait, and the next run sends them. A row sent
 * but not marked (a crash between ack and mark) is sent again; consumers deduplicate by event id. A row written
 * inside a trace carries its {@code traceparent} as a record header ({@link TraceContext}).
 *
 * <p>Blocking by nature (it waits for acks), so it runs on a worker thread with a JDBC pool, never
 * on the event loop. A transaction-scoped advisory lock keeps one relay per schema active at a
 * time when a service runs several replicas.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))";
    private static final String PENDING =
            "SELECT id, topic, message_key, payload, traceparent FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?";
    private static final String MARK_SENT = "UPDATE outbox SET sent_at = now() WHERE id = ANY(?)";
    private static final String BACKLOG =
            "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) FROM outbox WHERE sent_at IS NULL";
    private static final String PURGE = "DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => ?)";
    private static final String PURGE_PROCESSED = "DELETE FROM processed_events WHERE processed_at < now() - make_interval(secs => ?)";

    private final DataSource dataSource;
    private final Supplier<Producer<String, String>> producerFactory;
    private final int batchSize;
    private final Duration ackTimeout;
    private Producer<String, String> producer;

    public OutboxRelay(DataSource dataSource, Supplier<Producer<String, String>> producerFactory, int batchSize, Duration ackTimeout) {
        this.dataSource = dataSource;
        this.producerFactory = producerFactory;
        this.batchSize = batchSize;
        this.ackTimeout = ackTimeout;
    }

    /** A relay with a Kafka producer configured for durability: {@code acks=all}, idempotence, bounded blocking. */
    public static OutboxRelay create(DataSource dataSource, String bootstrapServers, String clientId) {
        return new OutboxRelay(dataSource, () -> new KafkaProducer<>(producerConfig(bootstrapServers, clientId)), 500, Duration.ofSeconds(35));
    }

    public static Map<String, Object> producerConfig(String bootstrapServers, String clientId) {
        return Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, clientId),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5),
                // Bounded waits so a broker outage makes a run fail fast and retry, not hang.
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
                Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, 1),
                Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()),
                Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    /**
     * Publishes one batch of pending rows.
     *
     * @return how many rows were published and marked sent (0 when another replica holds the relay lock)
     */
    public synchronized int publishPending() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int published = publishBatch(connection);
                connection.commit();
                return published;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.warnf("outbox relay: database unavailable (%s); will retry", e.getMessage());
            return 0;
        }
    }

    /**
     * The unsent rows: how many, and how long the oldest has waited (0 when none). Empty while the database is
     * unreachable. Rows another replica is sending count too: it is the table's backlog, not this relay's.
     */
    public Optional<Backlog> backlog() {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(BACKLOG);
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return Optional.of(new Backlog(rs.getLong(1), Duration.ofMillis(Math.round(rs.getDouble(2) * 1000))));
        } catch (SQLException e) {
            LOG.debugf("outbox backlog unknown (%s)", e.getMessage());
            return Optional.empty();
        }
    }

    /** The outbox's unsent rows: their number and the age of the oldest. */
    public record Backlog(long pending, Duration oldestAge) {
    }

    /** Deletes outbox rows sent longer ago than {@code retention}; returns how many. */
    public int purgeSent(Duration retention) {
        return purge(PURGE, retention);
    }

    /** Deletes consumed event ids ({@code processed_events}) recorded longer ago than {@code retention}; returns how many. */
    public int purgeProcessed(Duration retention) {
        return purge(PURGE_PROCESSED, retention);
    }

    private int purge(String statement, Duration retention) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement purge = connection.prepareStatement(statement)) {
            purge.setLong(1, retention.toSeconds());
            return purge.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("purge failed (%s); will retry", e.getMessage());
            return 0;
        }
    }

    private int publishBatch(Connection connection) throws SQLException {
        if (!holdsRelayLock(connection)) {
            return 0;
        }
        List<PendingEvent> pending = pending(connection);
        if (pending.isEmpty()) {
            return 0;
        }
        List<Long> acknowledged = send(pending);
        if (!acknowledged.isEmpty()) {
            try (PreparedStatement mark = connection.prepareStatement(MARK_SENT)) {
                Array ids = connection.createArrayOf("bigint", acknowledged.toArray());
                mark.setArray(1, ids);
                mark.executeUpdate();
            }
        }
        return acknowledged.size();
    }

    private static boolean holdsRelayLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK); ResultSet rs = lock.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private List<PendingEvent> pending(Connection connection) throws SQLException {
        List<PendingEvent> pending = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(PENDING)) {
            select.setInt(1, batchSize);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    pending.add(new PendingEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return pending;
    }

    /** Sends the batch and returns the ids of its acknowledged prefix. */
    private List<Long> send(List<PendingEvent> pending) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(pending.size());
        try {
            Producer<String, String> kafka = producer();
            for (PendingEvent event : pending) {
                acks.add(kafka.send(event.record()));
            }
        } catch (KafkaException e) {
            LOG.warnf("outbox relay: Kafka unavailable (%s); %d event(s) wait for the next run", e.getMessage(), pending.size() - acks.size());
        }
        List<Long> acknowledged = new ArrayList<>();
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(pending.get(i).id());
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("outbox relay: event %d not acknowledged (%s); it and later ones will be resent", pending.get(i).id(), e.getMessage());
                resetProducer();
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return acknowledged;
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            producer = producerFactory.get();
        }
        return producer;
    }

    /** A producer whose sends failed may be left in an unusable state; the next run starts a fresh one. */
    private void resetProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    private record PendingEvent(long id, String topic, String key, String payload, String traceparent) {

        /** The record, with the writer's trace context as its {@code traceparent} header when it had one. */
        ProducerRecord<String, String> record() {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            if (traceparent != null) {
                record.headers().add(TraceContext.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
            }
            return record;
        }
    }
}
