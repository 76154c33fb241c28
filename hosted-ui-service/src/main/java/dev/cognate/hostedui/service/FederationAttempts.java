package dev.cognate.hostedui.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.cognate.hostedui.config.HostedUiConfig;
import dev.cognate.hostedui.oauth.AuthorizationRequest;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * Federated sign-ins on their way through a provider, in Redis: the validated authorization request under the attempt's
 * {@code federationId} ({@code cognate:federation:<sha256(federationId)>}, {@code cognate.federation.attempt-timeout}),
 * taken once by the callback; and the sign-outs at a SAML provider waiting for its answer
 * ({@code cognate:federation-logout:<sha256(relay id)>}, same TTL), taken once by {@code /saml2/logout}. The browser holds
 * the attempt's id in the {@value #COOKIE} cookie, user-pool-service binds the upstream {@code state} (or the SAML
 * request) to it: a provider's answer only completes the attempt of the browser that started it.
 */
@ApplicationScoped
public class FederationAttempts {

    public static final String COOKIE = "__Host-cognate-federation";

    /** The authorization request an attempt at {@code providerName} completes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attempt(AuthorizationRequest request, String providerName) {
    }

    /**
     * Where the browser goes once the SAML provider confirmed the sign-out: {@code location} (a validated sign-out URL of
     * {@code clientId}, or a hosted page of this service).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SignOut(String clientId, String location) {
    }

    private final SingleUseValues<Attempt> attempts;
    private final SingleUseValues<SignOut> signOuts;
    private final Duration ttl;

    public FederationAttempts(ReactiveRedisDataSource redis, HostedUiConfig config) {
        Duration storeTimeout = config.session().storeTimeout();
        this.attempts = new SingleUseValues<>(redis, "cognate:federation:", Attempt.class, storeTimeout);
        this.signOuts = new SingleUseValues<>(redis, "cognate:federation-logout:", SignOut.class, storeTimeout);
        this.ttl = config.federation().attemptTimeout();
    }

    /** How long an attempt (and its cookie) lives. */
    public Duration ttl() {
        return ttl;
    }

    /** Keeps the request and answers the new {@code federationId}; fails with {@link SessionStoreUnavailableException}. */
    public Uni<String> start(AuthorizationRequest request, String providerName) {
        return attempts.put(new Attempt(request, providerName), ttl);
    }

    /** The attempt of this cookie value, removed (single use); fails with {@link SessionStoreUnavailableException}. */
    public Uni<Optional<Attempt>> take(String federationId) {
        return attempts.take(federationId);
    }

    /** Keeps where a sign-out at a SAML provider continues and answers the id that travels as its RelayState. */
    public Uni<String> startSignOut(SignOut signOut) {
        return signOuts.put(signOut, ttl);
    }

    public Uni<Optional<SignOut>> takeSignOut(String relayId) {
        return signOuts.take(relayId);
    }
}
