package dev.cognate.userpool.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.AppClient;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * Sign-in sessions in Redis: key {@code cognate:auth-session:<id>}, written and read only by user-pool-service, with the
 * client's {@code AuthSessionValidity} (minutes, default 3) as TTL. The id is 256 random bits. A session is used once:
 * {@link #take} removes it; an answer refused before anything was checked against the user (a new password the policy
 * refuses, a missing parameter) puts it back with its remaining lifetime ({@link #putBack}), so the user can try again.
 * Losing Redis fails closed: the session is then unknown and the user starts again.
 */
@ApplicationScoped
public class AuthSessionStore {

    static final String KEY_PREFIX = "cognate:auth-session:";
    private static final Logger LOG = Logger.getLogger(AuthSessionStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReactiveValueCommands<String, String> values;
    private final Clock clock;

    /** What is stored: the state and when it expires (epoch seconds), so that a put-back keeps the original deadline. */
    public record Stored(AuthSession session, long expiresAt) {
    }

    public AuthSessionStore(ReactiveRedisDataSource redis, Clock clock) {
        this.values = redis.value(String.class, String.class);
        this.clock = clock;
    }

    public static CognitoException expired() {
        return new CognitoException("NotAuthorizedException", "Invalid session for the user, session is expired.");
    }

    /** Stores the state and answers the opaque {@code Session} string. */
    public Uni<String> create(AppClient client, AuthSession session) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long ttl = client.config().authSessionValidityMinutes() * 60;
        try {
            Stored stored = new Stored(session, clock.instant().getEpochSecond() + ttl);
            return values.setex(KEY_PREFIX + id, ttl, JSON.writeValueAsString(stored)).replaceWith(id);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** The session's state, removed so it cannot be answered twice; unknown, expired or unreadable → {@link #expired()}. */
    public Uni<Stored> take(String id) {
        if (id == null || id.isEmpty() || id.length() > 2048) {
            return Uni.createFrom().failure(expired());
        }
        return values.getdel(KEY_PREFIX + id)
                .onFailure().transform(failure -> {
                    LOG.warnf("sign-in session store unavailable: %s", failure.getMessage());
                    return expired();
                })
                .map(json -> {
                    if (json == null) {
                        throw expired();
                    }
                    Stored stored;
                    try {
                        stored = JSON.readValue(json, Stored.class);
                    } catch (JsonProcessingException e) {
                        throw expired();
                    }
                    // Redis' TTL removes the state at the same deadline; checking it here too makes the deadline the
                    // service's clock's, which tests move.
                    if (stored.expiresAt() <= clock.instant().getEpochSecond()) {
                        throw expired();
                    }
                    return stored;
                });
    }

    /**
     * A step that continues the same challenge outside RespondToAuthChallenge (AssociateSoftwareToken and
     * VerifySoftwareToken during MFA_SETUP): the taken state, changed, under a new id until the original deadline — the
     * sign-in's lifetime is not extended by these steps.
     */
    public Uni<String> reissue(Stored taken, AuthSession changed) {
        long remaining = taken.expiresAt() - clock.instant().getEpochSecond();
        if (remaining <= 0) {
            return Uni.createFrom().failure(expired());
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            return values.setex(KEY_PREFIX + id, remaining, JSON.writeValueAsString(new Stored(changed, taken.expiresAt()))).replaceWith(id);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** Stores a taken session again under the same id until its original deadline (nothing when that has passed). */
    public Uni<Void> putBack(String id, Stored stored) {
        long remaining = stored.expiresAt() - clock.instant().getEpochSecond();
        if (remaining <= 0) {
            return Uni.createFrom().voidItem();
        }
        try {
            return values.setex(KEY_PREFIX + id, remaining, JSON.writeValueAsString(stored))
                    .onFailure().recoverWithNull().replaceWithVoid();
        } catch (JsonProcessingException e) {
            return Uni.createFrom().voidItem();
        }
    }
}
