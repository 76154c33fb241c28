package dev.cognate.identitypool.login;

import dev.cognate.identitypool.config.CognateConfig;
import dev.cognate.identitypool.config.LoginProvidersConfig;
import dev.cognate.tokens.CachingJwksSource;
import dev.cognate.tokens.JwksSource;
import dev.cognate.tokens.RemoteJwks;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;

/**
 * The signing keys of Google and Apple, from their JWKS URLs ({@code cognate.login-providers.google-jwks-url},
 * {@code apple-jwks-url}), cached as the user pools' keys are ({@code cognate.logins.jwks-*}: refetched after the TTL
 * or on an unknown {@code kid}, at most once per minimum interval).
 */
@ApplicationScoped
public class PublicProviderKeys {

    private final CachingJwksSource google;
    private final CachingJwksSource apple;

    public PublicProviderKeys(CognateConfig config, LoginProvidersConfig providers, Clock clock) {
        CognateConfig.Logins logins = config.logins();
        HttpClient http = HttpClient.newBuilder().connectTimeout(logins.jwksFetchTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.google = RemoteJwks.source(http, URI.create(providers.googleJwksUrl()), logins.jwksFetchTimeout(), logins.jwksCacheTtl(),
                logins.jwksRefetchMinimumInterval(), clock);
        this.apple = RemoteJwks.source(http, URI.create(providers.appleJwksUrl()), logins.jwksFetchTimeout(), logins.jwksCacheTtl(),
                logins.jwksRefetchMinimumInterval(), clock);
    }

    public JwksSource google() {
        return google;
    }

    public JwksSource apple() {
        return apple;
    }
}
