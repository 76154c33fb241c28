package dev.cognate.userpool.federation.saml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.awsprotocol.CognitoException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * The SAML engine's state in Redis, written and read only by user-pool-service:
 * <ul>
 * <li>{@code cognate:saml-request:<ID>}: an AuthnRequest the pool sent, with the attempt it belongs to
 *     ({@link Pending}), for {@link #REQUEST_TTL}; taken once ({@code GETDEL}) by the response that answers it.</li>
 * <li>{@code cognate:saml-logout:<ID>}: a LogoutRequest the pool sent, likewise.</li>
 * <li>{@code cognate:saml-assertion:<poolId>:<assertion ID>}: the replay cache, {@code SET NX} until the assertion
 *     expires.</li>
 * </ul>
 * Redis unreachable fails closed: no request can be matched and no assertion accepted (InternalErrorException, the
 * cause logged once per failure), never a sign-in without the checks.
 */
@ApplicationScoped
public class SamlRequestStore {

    static final Duration REQUEST_TTL = Duration.ofMinutes(10);
    private static final String REQUEST_PREFIX = "cognate:saml-request:";
    private static final String LOGOUT_PREFIX = "cognate:saml-logout:";
    private static final String ASSERTION_PREFIX = "cognate:saml-assertion:";
    private static final int MAX_ID_LENGTH = 256;
    private static final Logger LOG = Logger.getLogger(SamlRequestStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a sent request was for: the browser's attempt, the client, the provider, the login domain it used. */
    public record Pending(String federationId, String clientId, String userPoolId, String providerName, String hostedUiBaseUrl) {
    }

    private final ReactiveValueCommands<String, String> values;

    public SamlRequestStore(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class, String.class);
    }

    Uni<Void> rememberRequest(String requestId, Pending pending) {
        return put(REQUEST_PREFIX + requestId, pending);
    }

    /** The pending AuthnRequest {@code requestId} answers, removed; empty when unknown, expired or already answered. */
    Uni<Optional<Pending>> takeRequest(String requestId) {
        return take(REQUEST_PREFIX, requestId);
    }

    Uni<Void> rememberLogout(String requestId, Pending pending) {
        return put(LOGOUT_PREFIX + requestId, pending);
    }

    Uni<Optional<Pending>> takeLogout(String requestId) {
        return take(LOGOUT_PREFIX, requestId);
    }

    /** Records the assertion until {@code ttl} has passed: {@code false} when it was seen already (a replay). */
    Uni<Boolean> firstUse(String userPoolId, String assertionId, Duration ttl) {
        // SET NX EX answers whether it set the key (Redis 6.2: no GET with NX).
        return values.setAndChanged(ASSERTION_PREFIX + userPoolId + ":" + assertionId, "1", new SetArgs().nx().ex(Math.max(1, ttl.toSeconds())))
                .onFailure().transform(SamlRequestStore::unavailable);
    }

    private Uni<Void> put(String key, Pending pending) {
        try {
            return values.setex(key, REQUEST_TTL.toSeconds(), JSON.writeValueAsString(pending))
                    .onFailure().transform(SamlRequestStore::unavailable);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private Uni<Optional<Pending>> take(String prefix, String requestId) {
        if (requestId == null || requestId.isEmpty() || requestId.length() > MAX_ID_LENGTH) {
            return Uni.createFrom().item(Optional.empty());
        }
        return values.getdel(prefix + requestId)
                .onFailure().transform(SamlRequestStore::unavailable)
                .map(json -> {
                    if (json == null) {
                        return Optional.<Pending>empty();
                    }
                    try {
                        return Optional.of(JSON.readValue(json, Pending.class));
                    } catch (JsonProcessingException e) {
                        return Optional.<Pending>empty();
                    }
                });
    }

    private static Throwable unavailable(Throwable failure) {
        if (failure instanceof CognitoException) {
            return failure;
        }
        LOG.warnf("SAML state store (Redis) unavailable, federated sign-in refused: %s", failure.toString());
        return CognitoException.internalError();
    }
}
