package dev.cognate.hostedui.service;

import dev.cognate.internalapi.Branding;
import dev.cognate.hostedui.client.UserPoolClient;
import dev.cognate.hostedui.client.UserPoolFailures;
import dev.cognate.hostedui.config.HostedUiConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The branding of the hosted pages (SetUICustomization, stored by user-pool-service), read through the internal API and
 * cached like app clients ({@code cognate.user-pool.client-cache-ttl}); "no branding" is cached too. Branding is never
 * worth an error page: when user-pool-service fails or does not answer, the answer is "no branding" (not cached, logged)
 * and the pages render unbranded.
 */
@ApplicationScoped
public class BrandingDirectory {

    private static final Logger LOG = Logger.getLogger(BrandingDirectory.class);
    private static final Pattern POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    public static final String VERSION_HEADER = "X-Cognate-CSS-Version";

    /** A logo's bytes, content type and the {@code CSSVersion} of the customization it belongs to. */
    public record Logo(byte[] bytes, String contentType, String version) {
    }

    private final UserPoolClient userPool;
    private final HostedUiConfig config;
    private final ExpiringCache<String, Optional<Branding>> brandings;
    private final ExpiringCache<String, Optional<Logo>> logos;

    public BrandingDirectory(@RestClient UserPoolClient userPool, HostedUiConfig config, Clock clock) {
        this.userPool = userPool;
        this.config = config;
        this.brandings = new ExpiringCache<>(config.userPool().clientCacheTtl(), config.userPool().clientCacheSize(), clock);
        this.logos = new ExpiringCache<>(config.userPool().clientCacheTtl(), config.userPool().logoCacheSize(), clock);
    }

    /** The branding of the client's pages, empty when it has none, is unknown, or user-pool-service cannot tell. Never fails. */
    public Uni<Optional<Branding>> find(String clientId) {
        if (clientId == null || !AppClientDirectory.CLIENT_ID.matcher(clientId).matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return cached(brandings, clientId, () -> userPool.getBranding(clientId).map(Optional::ofNullable));
    }

    /**
     * The last known branding of the client, without waiting, for rendering a page: every page request fetched it
     * first ({@code web/BrandingPreload}), so it is there unless user-pool-service failed.
     */
    public Optional<Branding> current(String clientId) {
        return clientId == null ? Optional.empty() : brandings.getEvenIfExpired(clientId).flatMap(found -> found);
    }

    /** The logo the client's pages show (its branding's). Never fails. */
    public Uni<Optional<Logo>> logo(String clientId) {
        return find(clientId).chain(branding -> branding.filter(Branding::hasImage).isEmpty()
                ? Uni.createFrom().item(Optional.<Logo>empty())
                : cached(logos, clientId + "@" + branding.get().cssVersion(),
                        () -> userPool.getBrandingImage(clientId).map(BrandingDirectory::logoOf)));
    }

    /** One level's own logo ({@code clientId} an app client or {@code ALL}), as GetUICustomization's {@code ImageUrl} names it. */
    public Uni<Optional<Logo>> levelLogo(String poolId, String clientId) {
        if (poolId == null || !POOL_ID.matcher(poolId).matches() || clientId == null
                || !AppClientDirectory.CLIENT_ID.matcher(clientId).matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return cached(logos, poolId + "/" + clientId, () -> userPool.getLevelImage(poolId, clientId).map(BrandingDirectory::logoOf));
    }

    /** A cached answer, else {@code fetch}: a 404 is cached as empty; a failure or timeout is logged and answers empty, uncached. */
    private <T> Uni<Optional<T>> cached(ExpiringCache<String, Optional<T>> cache, String key, Supplier<Uni<Optional<T>>> fetch) {
        var cached = cache.get(key);
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached.get());
        }
        return Uni.createFrom().<Optional<T>>deferred(fetch::get)
                .ifNoItem().after(config.userPool().timeout()).fail()
                .invoke(found -> cache.put(key, found))
                .onFailure().recoverWithItem(failure -> {
                    if (UserPoolFailures.isNotFound(failure)) {
                        cache.put(key, Optional.empty());
                    } else {
                        LOG.warnf("user-pool-service failed the branding look-up %s; the pages render unbranded: %s", key,
                                UserPoolFailures.reason(failure));
                    }
                    return Optional.empty();
                });
    }

    private static Optional<Logo> logoOf(RestResponse<byte[]> response) {
        if (response.getStatus() != 200 || response.getEntity() == null) {
            return Optional.empty();
        }
        String type = response.getHeaderString("Content-Type");
        if (type == null || !(type.startsWith("image/png") || type.startsWith("image/jpeg"))) {
            return Optional.empty();
        }
        return Optional.of(new Logo(response.getEntity(), type.startsWith("image/png") ? "image/png" : "image/jpeg",
                response.getHeaderString(VERSION_HEADER)));
    }
}
