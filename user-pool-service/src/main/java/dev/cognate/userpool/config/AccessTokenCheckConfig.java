package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The access-token check of GetUser and {@code /oauth2/userInfo} ({@code repository/AccessTokenStandings}), prefix {@code cognate.access-token-check}. */
@ConfigMapping(prefix = "cognate.access-token-check")
public interface AccessTokenCheckConfig {

    /**
     * How long this instance may answer a token's user and revocation state from memory ({@code 0} turns the cache off).
     * A change of one user (attributes, enabled, deleted, password, MFA settings, a revoked family, a global sign-out) is
     * seen at once by every instance: this one drops its entries, the others through a Redis pub/sub announcement made
     * before the change commits ({@code repository/ChangeBroadcast}; an instance not subscribed uses no cache). This TTL
     * bounds what the announcements do not cover: a change made by hand in the database, a writer that could not publish
     * while the reader was subscribed.
     */
    @WithDefault("5s")
    Duration userCacheTtl();
}
