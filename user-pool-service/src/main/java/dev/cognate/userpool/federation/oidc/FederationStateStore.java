package dev.cognate.userpool.federation.oidc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.userpool.config.FederationConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Started OIDC and social sign-ins in Redis: key {@code cognate:federation-state:<state>}, written and read only by
 * user-pool-service, for {@code cognate.federation.state-ttl}. The {@code state} is 256 random bits; {@link #take}
 * removes it with {@code GETDEL}, so a provider's answer is used once even when it arrives twice at the same time.
 * Losing Redis fails closed: a state that cannot be stored fails the start, one that cannot be read is unknown.
 */
@ApplicationScoped
public class FederationStateStore {

    static final String KEY_PREFIX = "cognate:federation-state:";
    private static final Logger LOG = Logger.getLogger(FederationStateStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Longer than any state this store makes (43 characters): a longer one is not looked up. */
    private static final int MAX_STATE_LENGTH = 128;

    private final ReactiveValueCommands<String, String> values;
    private final FederationConfig config;
    private final Clock clock;

    public FederationStateStore(ReactiveRedisDataSource redis, FederationConfig config, Clock clock) {
        this.values = redis.value(String.class, String.class);
        this.config = config;
        this.clock = clock;
    }

    /** A fresh random value of 256 bits, base64url: the {@code state}, the {@code nonce}, the PKCE verifier. */
    public static String randomValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The deadline (epoch seconds) of a state made now. */
    public long deadline() {
        return clock.instant().getEpochSecond() + config.stateTtl().toSeconds();
    }

    /** Stores the attempt under {@code state}; a Redis failure fails the start (nothing to redirect to). */
    public Uni<Void> save(String state, FederationState attempt) {
        String json;
        try {
            json = JSON.writeValueAsString(attempt);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return values.setex(KEY_PREFIX + state, config.stateTtl().toSeconds(), json).replaceWithVoid();
    }

    /**
     * The attempt of {@code state}, removed; empty when unknown, already used, expired (by the service's clock too),
     * unreadable — or when Redis cannot answer (fails closed, logged).
     */
    public Uni<Optional<FederationState>> take(String state) {
        if (state == null || state.isEmpty() || state.length() > MAX_STATE_LENGTH) {
            return Uni.createFrom().item(Optional.empty());
        }
        return values.getdel(KEY_PREFIX + state)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("federation state store unavailable: %s", failure.getMessage());
                    return null;
                })
                .map(json -> {
                    if (json == null) {
                        return Optional.empty();
                    }
                    try {
                        FederationState attempt = JSON.readValue(json, FederationState.class);
                        return attempt.expiresAt() > clock.instant().getEpochSecond() ? Optional.of(attempt) : Optional.empty();
                    } catch (JsonProcessingException e) {
                        return Optional.empty();
                    }
                });
    }
}
