package dev.cognate.identitypool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** identity-pool-service configuration, prefix {@code cognate}. Defaults are documented in the README. */
@ConfigMapping(prefix = "cognate")
public interface CognateConfig {

    /** The AWS region this installation pretends to be; it prefixes identity pool ids ({@code <region>:<uuid>}). */
    @WithDefault("us-east-1")
    String region();

    /** The 12-digit account id used in ARNs. */
    @WithDefault("000000000000")
    String accountId();

    Db db();

    Operator operator();

    /**
     * The installation's master key (env {@code COGNATE_MASTER_KEY}, base64 of 32 bytes): it seals the session tokens of
     * vended credentials. Without it, GetCredentialsForIdentity answers InternalErrorException and STS refuses every token.
     */
    Optional<String> masterKey();

    /**
     * Previous master keys (comma-separated base64, env {@code COGNATE_MASTER_KEY_PREVIOUS}) that only open values sealed
     * before a rotation: the identity token keys until the re-seal job has moved them, session tokens until they expire.
     */
    Optional<String> masterKeyPrevious();

    Logins logins();

    Credentials credentials();

    IdentityTokens identityTokens();

    /** How logins (the {@code Logins} map of GetId and GetCredentialsForIdentity) are verified. */
    interface Logins {
        /**
         * The issuer base URL of Cognate's user pools (user-pool-service's {@code cognate.public-base-url}): a provider
         * named {@code cognito-idp.<region>.amazonaws.com/<poolId>} or {@code <this URL without scheme>/<poolId>}
         * accepts ID tokens whose {@code iss} is {@code <this URL>/<poolId>}.
         */
        @WithDefault("http://localhost:8081")
        String userPoolIssuerBaseUrl();

        /** Time limit of one fetch of an issuer's discovery document or JWKS. */
        @WithDefault("PT5S")
        Duration jwksFetchTimeout();

        /** How long an issuer's keys are used before they are fetched again. */
        @WithDefault("PT1H")
        Duration jwksCacheTtl();

        /** At most one fetch per issuer this often, also for tokens with an unknown {@code kid}. */
        @WithDefault("PT10S")
        Duration jwksRefetchMinimumInterval();
    }

    /** The OpenID tokens of identities (GetOpenIdToken), which STS AssumeRoleWithWebIdentity accepts (the classic flow). */
    interface IdentityTokens {
        /** Their {@code iss}; {@code <issuer>/.well-known/openid-configuration} must reach this service. */
        @WithDefault("http://localhost:8083")
        String issuer();

        /** Their lifetime (Cognito's GetOpenIdToken: 10 minutes). */
        @WithDefault("PT10M")
        Duration duration();

        /** How long one signing key signs before the next one takes over. */
        @WithDefault("P30D")
        Duration keyRotationInterval();

        /** How long before it signs the next key is published in the JWKS, so verifiers that cache the JWKS know it. */
        @WithDefault("PT1H")
        Duration keyPublishAhead();

        /**
         * How long a key stays published after its successor took over: the longest identity token lifetime (developer
         * identities' {@code TokenDuration}: one day) plus clock skew, so every token it signed still verifies.
         */
        @WithDefault("P1DT5M")
        Duration keyRetention();

        /** How often a replica checks whether a key is due (the check runs under a database lock: one replica acts). */
        @WithDefault("PT1M")
        Duration keyRotationCheck();
    }

    /** The credentials GetCredentialsForIdentity vends. */
    interface Credentials {
        /** Their lifetime when Cognate's own STS vends them (Cognito's is one hour). */
        @WithDefault("PT1H")
        Duration duration();

        /** Who vends them: Cognate's own STS ({@code built-in}) or an external STS ({@code external}). */
        @WithDefault("built-in")
        Vendor vendor();

        External external();

        enum Vendor {
            /** {@code built-in}: Cognate's own STS. */
            BUILT_IN,
            /** {@code external}: AssumeRoleWithWebIdentity on {@code cognate.credentials.external.endpoint}. */
            EXTERNAL
        }

        /** The external STS ({@code cognate.credentials.vendor=external}): AWS STS, MinIO, Ceph RGW, ... */
        interface External {
            /** Its endpoint URL (for AWS: the regional STS endpoint); required with the external vendor. */
            Optional<String> endpoint();

            /** The region its requests are made for; default {@code cognate.region}. */
            Optional<String> region();

            /** {@code DurationSeconds} of AssumeRoleWithWebIdentity; left out, the STS's default (AWS: one hour). */
            Optional<Integer> durationSeconds();

            /** Time limit of connecting and of reading an answer. */
            @WithDefault("PT10S")
            Duration timeout();
        }
    }


    /**
     * Where PostgreSQL is; application.properties builds the JDBC (Flyway, outbox relay) and reactive
     * datasource URLs from these, so one set of keys (COGNATE_DB_HOST, ...) moves both.
     */
    interface Db {
        @WithDefault("localhost")
        String host();

        @WithDefault("5432")
        int port();

        @WithDefault("cognate")
        String name();

        /** This service's own schema; no other service reads it. */
        @WithDefault("identity_pool")
        String schema();
    }

    interface Operator {
        /** {@code accessKeyId:secretAccessKey} pairs accepted for SigV4-signed operator calls; none in production unless set. */
        Optional<List<String>> accessKeys();
    }
}
