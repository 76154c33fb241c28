package dev.cognate.userpool.repository;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Tells every instance of user-pool-service that a thing one of them keeps in memory changed (a user's access-token
 * standing in {@link AccessTokenStandings}; a pool's or a client's settings in {@link SettingsCache}), through a Redis
 * pub/sub channel, so that no instance answers from memory what another instance changed. Costs nothing per read: a
 * reader asks {@link #usable} or {@link #subscribed}, which are local.
 *
 * <p><b>A write is announced before its commit.</b> A writer in a transaction publishes "in flight" and waits for Redis
 * to take it <em>before</em> the transaction commits, and "done" after it ended (committed or not; not waited for). An
 * instance that got "in flight" neither answers nor keeps the thing from memory until "done" (or
 * {@link #IN_FLIGHT_LIMIT_MILLIS}, should the writer die between the two), and every message drops what it kept of the thing.
 * So a request that reaches any instance after the writer's answer reads the database, unless that instance has not yet
 * handled a message Redis delivered to it before the writer even committed (a delay of the order of its event loop's
 * backlog, against the writer's commit plus its answer plus the client's next request). A write outside a transaction
 * (already committed) publishes "changed", waited for.
 *
 * <p><b>Failing closed.</b> While this instance is not subscribed (not yet, Redis unreachable, the connection lost,
 * a subscriber Redis dropped for a full output buffer) nothing is usable: every read goes to the database. Losing the
 * subscription drops everything kept ({@link Listener#lost}), since messages may have been missed; it is retried every
 * second. Not covered, and bounded by the caches' own TTL: a writer that cannot publish while readers are subscribed,
 * a change made by hand in the database.
 */
@ApplicationScoped
public class ChangeBroadcast {

    /** What a cache of this instance does with the announcements. Called on an event-loop thread: must not block. */
    public interface Listener {

        /** {@code name} was or is being changed: drop what is kept of it, and keep nothing read before now. */
        void changed(String name);

        /** Announcements may have been missed: drop everything. */
        void lost();
    }

    static final String CHANNEL = "cognate:userpool:changes:v1";
    static final long IN_FLIGHT_LIMIT_MILLIS = 10_000;
    static final String IN_FLIGHT = "p ";
    static final String DONE = "d ";
    static final String CHANGED = "c ";
    private static final long RETRY_MILLIS = 1_000;
    private static final Logger LOG = Logger.getLogger(ChangeBroadcast.class);

    /** Writes in flight of one thing: how many, and when the last one was announced (for {@link #IN_FLIGHT_LIMIT_MILLIS}). */
    private record InFlight(int writes, long lastAnnouncedNanos) {
    }

    private final ReactivePubSubCommands<String> pubsub;
    private final Vertx vertx;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private volatile boolean subscribed;
    private volatile boolean stopped;
    private volatile ReactiveRedisSubscriber subscriber;
    private boolean retryScheduled;

    public ChangeBroadcast(ReactiveRedisDataSource redis, Vertx vertx) {
        this.pubsub = redis.pubsub(String.class);
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        subscribe();
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /** Whether a value of {@code name} may be answered from memory or kept now: subscribed, and no write of it in flight. */
    public boolean usable(String name) {
        if (!subscribed) {
            return false;
        }
        InFlight writes = inFlight.get(name);
        return writes == null
                || System.nanoTime() - writes.lastAnnouncedNanos() > TimeUnit.MILLISECONDS.toNanos(IN_FLIGHT_LIMIT_MILLIS);
    }

    /** Whether this instance hears the announcements now. */
    public boolean subscribed() {
        return subscribed;
    }

    /**
     * After a write of {@code name} on {@code sql}. In a transaction: "in flight" now (the returned Uni completes once
     * Redis took it, before the caller commits) and "done" when the transaction ends; otherwise "changed" now. A failure
     * to publish is logged, not raised: the write stands, and the caches' TTL bounds what other instances keep.
     */
    public Uni<Void> changed(SqlClient sql, String name) {
        Transaction transaction = sql instanceof SqlConnection connection ? connection.transaction() : null;
        if (transaction == null) {
            return publish(CHANGED, name);
        }
        return publish(IN_FLIGHT, name).invoke(() -> transaction.completion().subscribe().with(
                done -> publish(DONE, name).subscribe().with(ignored -> { }),
                failed -> publish(DONE, name).subscribe().with(ignored -> { })));
    }

    private Uni<Void> publish(String kind, String name) {
        return pubsub.publish(CHANNEL, kind + name)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not tell other instances that %s changed (their caches see it within their TTL): %s",
                            name, failure.getMessage());
                    return null;
                });
    }

    private void received(String message) {
        if (message == null || message.length() < 3) {
            return;
        }
        String kind = message.substring(0, 2);
        String name = message.substring(2);
        switch (kind) {
            case IN_FLIGHT -> inFlight.merge(name, new InFlight(1, System.nanoTime()),
                    (known, more) -> new InFlight(known.writes() + 1, more.lastAnnouncedNanos()));
            case DONE -> inFlight.computeIfPresent(name,
                    (ignored, known) -> known.writes() <= 1 ? null : new InFlight(known.writes() - 1, known.lastAnnouncedNanos()));
            case CHANGED -> { }
            default -> {
                return;
            }
        }
        listeners.forEach(listener -> listener.changed(name));
    }

    private void subscribe() {
        if (stopped) {
            return;
        }
        pubsub.subscribe(CHANNEL, this::received, () -> lost(null), this::lost).subscribe().with(
                subscribed -> {
                    subscriber = subscribed;
                    this.subscribed = true;
                    LOG.debugf("subscribed to %s", CHANNEL);
                },
                this::lost);
    }

    /** The subscription ended or could not be made: nothing is usable until it is back, and everything kept goes. */
    private synchronized void lost(Throwable failure) {
        if (subscribed) {
            LOG.warnf("lost the subscription to %s (caches off until it is back): %s", CHANNEL,
                    failure == null ? "ended" : failure.getMessage());
        }
        subscribed = false;
        subscriber = null;
        inFlight.clear();
        listeners.forEach(Listener::lost);
        if (!stopped && !retryScheduled) {
            retryScheduled = true;
            vertx.setTimer(RETRY_MILLIS, id -> {
                synchronized (this) {
                    retryScheduled = false;
                }
                subscribe();
            });
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** No more announcements heard, and no retry: at shutdown (before the Redis client closes) and by tests. */
    void stop() {
        stopped = true;
        subscribed = false;
        ReactiveRedisSubscriber current = subscriber;
        if (current != null) {
            current.unsubscribe().subscribe().with(ignored -> { }, ignored -> { });
        }
    }
}
