package dev.cognate.hostedui.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/**
 * hosted-ui-service configuration, prefix {@code cognate}. Defaults are documented in the README.
 * user-pool-service's address is the REST client's own key, {@code quarkus.rest-client.user-pool.url}.
 */
@ConfigMapping(prefix = "cognate")
public interface HostedUiConfig {

    Pages pages();

    UserPool userPool();

    Session session();

    Federation federation();

    /**
     * The issuer base URL of user-pool-service's tokens: {@code iss=<issuer-base-url>/<poolId>} in authorization
     * responses (RFC 9207), and the {@code iss} an {@code id_token_hint} must carry. Must equal user-pool-service's
     * {@code cognate.public-base-url}.
     */
    @WithDefault("http://localhost:8081")
    String issuerBaseUrl();

    interface Federation {
        /**
         * How long a sign-in through an identity provider may take between {@code /oauth2/authorize} and the provider's
         * answer (the attempt in Redis and its cookie); a later answer shows the error page.
         */
        @WithDefault("10m")
        Duration attemptTimeout();
    }

    interface Session {
        /** A hosted-UI session ends after this long without use (Cognito's hosted UI session lasts 1 hour). */
        @WithDefault("1h")
        Duration idleTimeout();

        /** A hosted-UI session ends this long after the sign-in, however much it is used. */
        @WithDefault("12h")
        Duration absoluteTimeout();

        /** Upper bound for one Redis call of the pages (sessions, codes); beyond it the session counts as absent. */
        @WithDefault("2s")
        Duration storeTimeout();
    }

    interface Pages {
        /**
         * Languages the pages are translated into, as IETF language tags; the first is the default.
         * A request picks one with the {@code lang} query parameter (as Cognito's managed login) or its
         * {@code Accept-Language} header.
         */
        @WithDefault("en")
        List<String> languages();

        Hsts hsts();
    }

    interface Hsts {
        /**
         * Send {@code Strict-Transport-Security}. Turn it on wherever the pages are served over https (behind the
         * ingress); off by default so that a local http stack does not pin {@code localhost} to https.
         */
        @WithDefault("false")
        boolean enabled();

        /** The {@code max-age} of the HSTS header. */
        @WithDefault("P365D")
        Duration maxAge();
    }

    interface UserPool {
        /** Upper bound for one call to user-pool-service's internal API, on top of the REST client's connect and read timeouts. */
        @WithDefault("3s")
        Duration timeout();

        /**
         * Upper bound for one call of the federation routes, which wait for the upstream provider and the
         * InboundFederation trigger (the REST client's read timeout must be at least this).
         */
        @WithDefault("12s")
        Duration federationTimeout();

        /** How long a known app client's configuration is reused before it is fetched again; 0 turns caching off. */
        @WithDefault("30s")
        Duration clientCacheTtl();

        /** How many app clients the cache holds at most. */
        @WithDefault("10000")
        int clientCacheSize();

        /**
         * How many logos (up to 100 KB each) the branding cache holds at most; they are kept as long as app clients
         * ({@code client-cache-ttl}).
         */
        @WithDefault("200")
        int logoCacheSize();
    }
}
