package dev.cognate.hostedui.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.hostedui.config.HostedUiConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Hosted-UI sessions (single sign-on across the clients of one pool) in Redis: key
 * {@code cognate:hosted-session:<sha256 of the cookie value>} → {@link HostedSession} JSON. The key expires after the
 * idle timeout and is pushed back on every use, never beyond the absolute timeout. A new id at every sign-in (no
 * fixation). Losing Redis fails closed: no session, so the user signs in again; never an error, never signed in.
 */
@ApplicationScoped
public class HostedSessions {

    public static final String COOKIE = "__Host-cognate-session";
    static final String KEY_PREFIX = "cognate:hosted-session:";
    private static final Logger LOG = Logger.getLogger(HostedSessions.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final HostedUiConfig.Session config;
    private final Clock clock;

    public HostedSessions(ReactiveRedisDataSource redis, HostedUiConfig config, Clock clock) {
        this.values = redis.value(String.class, String.class);
        this.keys = redis.key(String.class);
        this.config = config.session();
        this.clock = clock;
    }

    /** The Redis key of a session id (its SHA-256: the handle named in authorization codes, never the cookie). */
    public static String handle(String id) {
        return SecretIds.sha256Hex(id);
    }

    static String key(String id) {
        return KEY_PREFIX + handle(id);
    }

    /** Starts a session and answers its id (the cookie value). Fails with {@link SessionStoreUnavailableException}. */
    public Uni<String> create(String poolId, String sub, String username, long authTime) {
        return create(poolId, sub, username, authTime, null);
    }

    /**
     * Starts a session of a federated sign-in ({@code federated} null for the user pool's own): the client, the provider
     * and its session are kept for the sign-out at the provider.
     */
    public Uni<String> create(String poolId, String sub, String username, long authTime, FederatedSignIn federated) {
        String id = SecretIds.newId();
        long now = clock.instant().getEpochSecond();
        HostedSession session = federated == null ? new HostedSession(poolId, sub, username, authTime, now)
                : new HostedSession(poolId, sub, username, authTime, now, federated.clientId(), federated.providerName(),
                        federated.providerSession());
        return values.setex(key(id), ttl(session, now).toSeconds(), write(session))
                .ifNoItem().after(config.storeTimeout()).fail()
                .onFailure().transform(failure -> new SessionStoreUnavailableException("cannot store the session", failure))
                .replaceWith(id);
    }

    /** Who a federated sign-in came through: the app client, the provider, and the provider's session for the sign-out. */
    public record FederatedSignIn(String clientId, String providerName, java.util.Map<String, String> providerSession) {
    }

    /** The live session of this cookie value, its idle deadline pushed back; empty when none, expired or unreadable. */
    public Uni<Optional<HostedSession>> find(String id) {
        if (!SecretIds.isWellFormed(id)) {
            return Uni.createFrom().item(Optional.empty());
        }
        String key = key(id);
        return values.get(key)
                .ifNoItem().after(config.storeTimeout()).fail()
                .chain(json -> {
                    Optional<HostedSession> session = read(json);
                    long now = clock.instant().getEpochSecond();
                    if (session.isEmpty()) {
                        return Uni.createFrom().item(Optional.<HostedSession>empty());
                    }
                    Duration ttl = ttl(session.get(), now);
                    if (ttl.isZero()) {
                        return keys.del(key).replaceWith(Optional.<HostedSession>empty());
                    }
                    return keys.expire(key, ttl).replaceWith(session);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("hosted-UI session store unavailable, treating the browser as signed out: %s",
                            failure.toString());
                    return Optional.empty();
                });
    }

    /** Ends the session of this cookie value; a Redis failure is logged (the cookie is cleared anyway). */
    public Uni<Void> end(String id) {
        if (!SecretIds.isWellFormed(id)) {
            return Uni.createFrom().voidItem();
        }
        return keys.del(key(id))
                .ifNoItem().after(config.storeTimeout()).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not delete a hosted-UI session: %s", failure.toString());
                    return 0;
                })
                .replaceWithVoid();
    }

    /** The idle timeout, cut short by the absolute timeout; zero once the absolute timeout has passed. */
    private Duration ttl(HostedSession session, long now) {
        long remaining = session.created() + config.absoluteTimeout().toSeconds() - now;
        if (remaining <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(Math.min(config.idleTimeout().toSeconds(), remaining));
    }

    private static String write(HostedSession session) {
        try {
            return JSON.writeValueAsString(session);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a HostedSession always serialises", e);
        }
    }

    private static Optional<HostedSession> read(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, HostedSession.class));
        } catch (JsonProcessingException unreadable) {
            return Optional.empty();
        }
    }
}
