package dev.cognate.hostedui.service;

import dev.cognate.internalapi.AppClientConfig;
import dev.cognate.hostedui.client.UserPoolClient;
import dev.cognate.hostedui.client.UserPoolFailures;
import dev.cognate.hostedui.config.HostedUiConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.regex.Pattern;

/**
 * App client look-ups against user-pool-service. Known clients are cached briefly
 * ({@code cognate.user-pool.client-cache-ttl}); unknown clients and failures are not cached, so a client created a
 * moment ago or a recovered user-pool-service is seen on the next request. A changed client (new callback URL) is
 * seen at most one TTL later.
 */
@ApplicationScoped
public class AppClientDirectory {

    private static final Logger LOG = Logger.getLogger(AppClientDirectory.class);

    /** Cognito's {@code ClientIdType}: 1 to 128 word characters or '+'. Anything else is never sent upstream. */
    static final Pattern CLIENT_ID = Pattern.compile("[\\w+]{1,128}");

    private final UserPoolClient userPool;
    private final HostedUiConfig config;
    private final ExpiringCache<String, AppClientConfig> cache;

    public AppClientDirectory(@RestClient UserPoolClient userPool, HostedUiConfig config, Clock clock) {
        this.userPool = userPool;
        this.config = config;
        this.cache = new ExpiringCache<>(config.userPool().clientCacheTtl(), config.userPool().clientCacheSize(),
                clock);
    }

    /**
     * The client's configuration. Fails with {@link UnknownClientException} when there is no such client and
     * with {@link UserPoolUnavailableException} when user-pool-service cannot tell.
     */
    public Uni<AppClientConfig> find(String clientId) {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            return Uni.createFrom().failure(new UnknownClientException(clientId));
        }
        var cached = cache.get(clientId);
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached.get());
        }
        return userPool.getClient(clientId)
                .ifNoItem().after(config.userPool().timeout())
                .failWith(() -> new UserPoolUnavailableException("no answer within " + config.userPool().timeout(), null))
                .onItem().ifNull().failWith(() -> new UserPoolUnavailableException("an empty answer", null))
                .onFailure().transform(failure -> classify(clientId, failure))
                .invoke(client -> cache.put(clientId, client));
    }

    private static RuntimeException classify(String clientId, Throwable failure) {
        if (UserPoolFailures.isNotFound(failure)) {
            return new UnknownClientException(clientId);
        }
        if (failure instanceof UserPoolUnavailableException unavailable) {
            LOG.warnf("user-pool-service did not answer the look-up of app client %s: %s", clientId, unavailable.getMessage());
            return unavailable;
        }
        String reason = UserPoolFailures.reason(failure);
        LOG.warnf("user-pool-service failed the look-up of app client %s: %s", clientId, reason);
        return new UserPoolUnavailableException(reason, failure);
    }
}
