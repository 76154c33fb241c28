package dev.cognate.hostedui.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.hostedui.config.HostedUiConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * Sign-ins waiting for the answer to a challenge ({@link PendingChallenge}: the engine's session, not a copy of its
 * state), in Redis under {@code cognate:hosted-challenge:<sha256 of the cookie value>} for 3 minutes (Cognito's default {@code AuthSessionValidity}); the browser holds the id in the
 * {@value #COOKIE} cookie, so user-pool-service's session never reaches the page. Losing Redis fails closed: the user
 * signs in again.
 */
@ApplicationScoped
public class PendingChallenges {

    public static final String COOKIE = "__Host-cognate-challenge";
    public static final Duration TTL = Duration.ofMinutes(3);
    private static final String KEY_PREFIX = "cognate:hosted-challenge:";
    private static final Logger LOG = Logger.getLogger(PendingChallenges.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final Duration timeout;

    public PendingChallenges(ReactiveRedisDataSource redis, HostedUiConfig config) {
        this.values = redis.value(String.class, String.class);
        this.keys = redis.key(String.class);
        this.timeout = config.session().storeTimeout();
    }

    /** Stores the challenge and answers the cookie value; fails with {@link SessionStoreUnavailableException}. */
    public Uni<String> create(PendingChallenge challenge) {
        String id = SecretIds.newId();
        String json;
        try {
            json = JSON.writeValueAsString(challenge);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return values.setex(KEY_PREFIX + SecretIds.sha256Hex(id), TTL.toSeconds(), json)
                .ifNoItem().after(timeout).fail()
                .onFailure().transform(failure -> new SessionStoreUnavailableException("cannot store the challenge", failure))
                .replaceWith(id);
    }

    /**
     * Replaces the challenge under an existing cookie value (the engine answered a new session for the same step, as
     * AssociateSoftwareToken does), keeping its expiry; fails with {@link SessionStoreUnavailableException}.
     */
    public Uni<Void> replace(String id, PendingChallenge challenge) {
        String json;
        try {
            json = JSON.writeValueAsString(challenge);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return values.set(KEY_PREFIX + SecretIds.sha256Hex(id), json, new SetArgs().keepttl().xx())
                .ifNoItem().after(timeout).fail()
                .onFailure().transform(failure -> new SessionStoreUnavailableException("cannot store the challenge", failure));
    }

    /** The challenge of this cookie value for this client; empty when unknown, expired, another client's or unreadable. */
    public Uni<Optional<PendingChallenge>> find(String id, String clientId) {
        if (!SecretIds.isWellFormed(id)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return values.get(KEY_PREFIX + SecretIds.sha256Hex(id))
                .ifNoItem().after(timeout).fail()
                .map(json -> {
                    if (json == null) {
                        return Optional.<PendingChallenge>empty();
                    }
                    try {
                        return Optional.of(JSON.readValue(json, PendingChallenge.class))
                                .filter(challenge -> challenge.clientId().equals(clientId));
                    } catch (JsonProcessingException unreadable) {
                        return Optional.<PendingChallenge>empty();
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("challenge store unavailable: %s", failure.toString());
                    return Optional.empty();
                });
    }

    public Uni<Void> end(String id) {
        if (!SecretIds.isWellFormed(id)) {
            return Uni.createFrom().voidItem();
        }
        return keys.del(KEY_PREFIX + SecretIds.sha256Hex(id))
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(0)
                .replaceWithVoid();
    }
}
