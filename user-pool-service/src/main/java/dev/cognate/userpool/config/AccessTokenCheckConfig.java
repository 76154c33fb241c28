package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The access-token check of GetUser and {@code /oauth2/userInfo} ({@code repository/AccessTokenStandings}), prefix {@code cognate.access-token-check}. */
@ConfigMapping(prefix = "cognate.access-token-check")
public interface AccessTokenCheckConfig {

    /**
     * How long this instance may answer a token's user and revocation state from memory. A change committed by this
     * instance drops it at once; a change committed by another instance (or by hand in the database) is seen at most this
     * long late (plus one query's duration). {@code 0} turns the cache off.
     */
    @WithDefault("PT1S")
    Duration userCacheTtl();
}
