package dev.cognate.identitypool.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.identitypool.config.CognateConfig;
import dev.cognate.tokens.BoundedCache;
import dev.cognate.tokens.CachingJwksSource;
import dev.cognate.tokens.JwksSource;
import dev.cognate.tokens.PublicKeys;
import dev.cognate.tokens.RemoteJwks;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The signing keys of an issuer, found as a relying party finds them: its
 * {@code /.well-known/openid-configuration} names the {@code jwks_uri} (and must name the same {@code issuer}), whose
 * keys are cached ({@link CachingJwksSource}: refetched after the TTL or on an unknown {@code kid}, at most once per
 * minimum interval). Issuers come only from configuration ({@link UserPoolProviders}) and from pools' OpenID Connect
 * provider ARNs (set by operators, {@link OidcProviders}), never from a token, so the map holds one entry per trusted issuer.
 */
@ApplicationScoped
public class IssuerKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DISCOVERY_BYTES = 64 * 1024;

    /** Issuers named by identity pools' providers, which operators add and delete without end: kept to this many. */
    static final int MAX_ISSUERS = 10_000;

    private final BoundedCache<String, CachingJwksSource> byIssuer = new BoundedCache<>(MAX_ISSUERS);
    private final HttpClient http;
    private final CognateConfig.Logins config;
    private final Clock clock;

    public IssuerKeys(CognateConfig config, Clock clock) {
        this.config = config.logins();
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(this.config.jwksFetchTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public JwksSource of(String issuer) {
        return byIssuer.computeIfAbsent(issuer, iss -> new CachingJwksSource(() -> load(iss),
                config.jwksCacheTtl(), config.jwksRefetchMinimumInterval(), clock));
    }

    private CompletionStage<PublicKeys> load(String issuer) {
        Duration timeout = config.jwksFetchTimeout();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(timeout).GET().build();
        return http.sendAsync(discovery, HttpResponse.BodyHandlers.ofByteArray())
                .thenCompose(response -> RemoteJwks.loader(http, jwksUri(issuer, response), timeout).get());
    }

    private static URI jwksUri(String issuer, HttpResponse<byte[]> response) {
        if (response.statusCode() != 200 || response.body().length > MAX_DISCOVERY_BYTES) {
            throw new IllegalStateException("discovery of " + issuer + " answered " + response.statusCode()
                    + " with " + response.body().length + " bytes");
        }
        try {
            JsonNode document = JSON.readTree(response.body());
            if (!issuer.equals(document.path("issuer").asText(null))) {
                throw new IllegalStateException("discovery of " + issuer + " names another issuer: " + document.path("issuer"));
            }
            String jwksUri = document.path("jwks_uri").asText(null);
            if (jwksUri == null) {
                throw new IllegalStateException("discovery of " + issuer + " has no jwks_uri");
            }
            return URI.create(jwksUri);
        } catch (IOException e) {
            throw new UncheckedIOException("discovery of " + issuer + " is not JSON", e);
        }
    }
}
