package dev.cognate.userpool.webauthn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.awsprotocol.CognitoException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

/**
 * The challenge of a passkey registration in progress, in Redis under {@code cognate:webauthn-registration:<poolId>:<sub>}
 * (written and read only by user-pool-service) for {@link #VALIDITY_SECONDS}: StartWebAuthnRegistration writes it (a new
 * start replaces the previous challenge), CompleteWebAuthnRegistration takes it once ({@code GETDEL}). Missing, expired,
 * already used or Redis unreachable → {@code WebAuthnChallengeNotFoundException}: fail closed, the user starts again.
 */
@ApplicationScoped
public class RegistrationChallenges {

    /** How long a registration challenge stays valid: five minutes (the browser's own timeout is one). */
    public static final long VALIDITY_SECONDS = 300;
    static final String KEY_PREFIX = "cognate:webauthn-registration:";
    private static final Logger LOG = Logger.getLogger(RegistrationChallenges.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What is kept: the challenge (base64url), the app client the access token was issued to, the deadline (epoch seconds). */
    public record Pending(String challenge, String clientId, long expiresAt) {

        public byte[] challengeBytes() {
            return Base64.getUrlDecoder().decode(challenge);
        }
    }

    private final ReactiveValueCommands<String, String> values;
    private final Clock clock;

    public RegistrationChallenges(ReactiveRedisDataSource redis, Clock clock) {
        this.values = redis.value(String.class, String.class);
        this.clock = clock;
    }

    public static CognitoException notFound() {
        return new CognitoException("WebAuthnChallengeNotFoundException",
                "No passkey registration is in progress for this user, or its challenge expired: call StartWebAuthnRegistration again.");
    }

    /** A new challenge (32 random bytes) for the user, replacing any earlier one. */
    public Uni<Pending> start(String poolId, UUID sub, String clientId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        Pending pending = new Pending(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), clientId,
                clock.instant().getEpochSecond() + VALIDITY_SECONDS);
        try {
            return values.setex(key(poolId, sub), VALIDITY_SECONDS, JSON.writeValueAsString(pending)).replaceWith(pending);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** The user's pending challenge, removed so that it answers one registration only. */
    public Uni<Pending> take(String poolId, UUID sub) {
        return values.getdel(key(poolId, sub))
                .onFailure().transform(failure -> {
                    LOG.warnf("passkey registration challenges unavailable: %s", failure.getMessage());
                    return notFound();
                })
                .map(json -> {
                    if (json == null) {
                        throw notFound();
                    }
                    Pending pending;
                    try {
                        pending = JSON.readValue(json, Pending.class);
                    } catch (JsonProcessingException e) {
                        throw notFound();
                    }
                    // the service's clock decides the deadline too (Redis' TTL runs on real time; tests move the clock)
                    if (pending.expiresAt() <= clock.instant().getEpochSecond()) {
                        throw notFound();
                    }
                    return pending;
                });
    }

    private static String key(String poolId, UUID sub) {
        return KEY_PREFIX + poolId + ":" + sub;
    }
}
