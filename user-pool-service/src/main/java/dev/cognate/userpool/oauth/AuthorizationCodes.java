package dev.cognate.userpool.oauth;

import dev.cognate.events.oauth.AuthorizationCode;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The redeeming side of the authorization-code contract ({@link AuthorizationCode}: hosted-ui-service writes
 * {@code cognate:oauth-code:<sha-256>}): {@code GETDEL} makes every code single-use, even under concurrent requests.
 * A redeemed code leaves a marker, {@code cognate:oauth-code-redeemed:<same sha-256>} → the refresh-token family its
 * tokens belong to, for longer than a code lives, so that a code presented again can be told from an unknown one and
 * the tokens it issued revoked (RFC 6749 §4.1.2, RFC 9700 §4.2.4). Both keys are this service's to read; only the code
 * key is hosted-ui-service's to write.
 */
@ApplicationScoped
public class AuthorizationCodes {

    static final String REDEEMED_PREFIX = "cognate:oauth-code-redeemed:";
    /** Longer than any code lives ({@link AuthorizationCode#MAX_TTL}), so a replay within its lifetime is always seen. */
    static final Duration REDEEMED_TTL = Duration.ofMinutes(10);
    private static final int MAX_CODE_LENGTH = 1024;

    private final ReactiveValueCommands<String, String> values;

    public AuthorizationCodes(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class, String.class);
    }

    /** The code's grant, removed; empty when the code is unknown, expired, already redeemed or unreadable. */
    public Uni<Optional<AuthorizationCode>> take(String code) {
        if (code.length() > MAX_CODE_LENGTH) {
            return Uni.createFrom().item(Optional.empty());
        }
        return values.getdel(AuthorizationCode.redisKey(code)).map(AuthorizationCodes::grantOf);
    }

    /**
     * The code's grant, left in place: the token endpoint checks it and runs the PreTokenGeneration trigger before it
     * {@link #take}s it, so a failing function does not use the code up. Only {@code take} decides who redeems it.
     */
    public Uni<Optional<AuthorizationCode>> peek(String code) {
        if (code.length() > MAX_CODE_LENGTH) {
            return Uni.createFrom().item(Optional.empty());
        }
        return values.get(AuthorizationCode.redisKey(code)).map(AuthorizationCodes::grantOf);
    }

    private static Optional<AuthorizationCode> grantOf(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(AuthorizationCode.fromJson(json));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Remembers that {@code code} was redeemed into the refresh-token family {@code family}. */
    public Uni<Void> markRedeemed(String code, UUID family) {
        return values.setex(redeemedKey(code), REDEEMED_TTL.toSeconds(), family.toString());
    }

    /** The family a code already redeemed went to; empty for a code never redeemed (or redeemed too long ago). */
    public Uni<Optional<UUID>> redeemedInto(String code) {
        if (code.length() > MAX_CODE_LENGTH) {
            return Uni.createFrom().item(Optional.empty());
        }
        return values.get(redeemedKey(code)).map(family -> {
            try {
                return Optional.ofNullable(family).map(UUID::fromString);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    static String redeemedKey(String code) {
        String codeKey = AuthorizationCode.redisKey(code);
        return REDEEMED_PREFIX + codeKey.substring(codeKey.lastIndexOf(':') + 1);
    }
}
