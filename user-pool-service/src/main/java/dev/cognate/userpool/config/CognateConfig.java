package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** user-pool-service configuration, prefix {@code cognate}. Defaults are documented in the README. */
@ConfigMapping(prefix = "cognate")
public interface CognateConfig {

    /** The AWS region this installation pretends to be; it prefixes pool ids and appears in ARNs. */
    @WithDefault("us-east-1")
    String region();

    /** The 12-digit account id used in ARNs. */
    @WithDefault("000000000000")
    String accountId();

    Db db();

    Cache cache();

    Operator operator();

    /**
     * Base64 of the 32-byte AES-256 master key that seals secrets at rest (crypto/SecretCipher); env
     * {@code COGNATE_MASTER_KEY}. None in production unless set.
     */
    Optional<String> masterKey();

    /**
     * Previous master keys (comma-separated base64), env {@code COGNATE_MASTER_KEY_PREVIOUS}: they only open values sealed
     * before a rotation, until the re-seal job ({@code rotation/MasterKeyResealJob}) has moved every stored value to the
     * current key.
     */
    Optional<String> masterKeyPrevious();

    /**
     * The public base URL of this service's IdP endpoints (env {@code COGNATE_PUBLIC_BASE_URL}); a pool's token
     * issuer is {@code <public-base-url>/<poolId>}, as Cognito's {@code https://cognito-idp.<region>.amazonaws.com/<poolId>}.
     */
    @WithDefault("http://localhost:8081")
    String publicBaseUrl();


    /** In-memory caches of this instance. */
    interface Cache {
        /**
         * How long a pool's and an app client's settings (with the client's secrets) read by sign-in, refresh and the token
         * endpoint are kept ({@code repository/SettingsCache}); this instance drops them at once when it commits a change,
         * so this is how late another instance sees a change (a deleted client, a removed secret, a changed setting).
         * {@code 0} turns the cache off.
         */
        @WithDefault("5s")
        Duration settingsTtl();
    }

    /** Where PostgreSQL is; the datasource URLs in application.properties are built from these. */
    interface Db {
        @WithDefault("localhost")
        String host();

        @WithDefault("5432")
        int port();

        @WithDefault("cognate")
        String name();

        /** This service's own schema; no other service reads it. */
        @WithDefault("user_pool")
        String schema();
    }

    interface Operator {
        /** {@code accessKeyId:secretAccessKey} pairs accepted for SigV4-signed operator calls; none in production unless set. */
        Optional<List<String>> accessKeys();
    }
}
